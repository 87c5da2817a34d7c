#!/usr/bin/env bash
# The per-article stages (ingest, normalize, extract) as a Slurm job array, one task per shard, each into its own
# build folder; the merge runs once every task has succeeded. From the repository's root, on a file system every
# node sees (RAW, SHARDS, BUILD and DIST move the folders; --array on the sbatch line overrides the one below):
#   jobid=$(sbatch --parsable deploy/slurm-array.sh)
#   sbatch --dependency=afterok:$jobid deploy/slurm-merge.sh
#SBATCH --job-name=plans-shard
#SBATCH --array=0-2
#SBATCH --cpus-per-task=2
#SBATCH --mem=2G
#SBATCH --time=02:00:00
set -euo pipefail
cd "${SLURM_SUBMIT_DIR:-.}"
# SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT and SLURM_ARRAY_TASK_MIN choose the shard.
exec node --import tsx pipeline/cli.ts all --raw "${RAW:-raw}" --build "${SHARDS:-build/shards}/$SLURM_ARRAY_TASK_ID" --jobs "${SLURM_CPUS_PER_TASK:-1}"
