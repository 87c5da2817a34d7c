"""Runs `csvjson -I` on each CSV named, in one process, and prints what it wrote for each, as one JSON object.

The command's own class, run as its entry point runs it: one Python start instead of one per table.
argv: CSV files; stdout: {"file.csv": [rows as csvjson -I writes them]}.
"""
import io
import json
import sys

from csvkit.utilities.csvjson import CSVJSON

read = {}
for name in sys.argv[1:]:
    out = io.StringIO()
    CSVJSON(["-I", name], output_file=out).run()
    read[name] = json.loads(out.getvalue())
# dumps, not dump: dump encodes in Python, one write per token.
sys.stdout.write(json.dumps(read, ensure_ascii=False))
