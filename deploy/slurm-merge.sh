#!/usr/bin/env bash
# The merge after deploy/slurm-array.sh (sbatch --dependency=afterok:<array job id> deploy/slurm-merge.sh): every
# stage on the whole raw folder, each article's outputs taken from the shard builds, then validate and publish.
#SBATCH --job-name=plans-merge
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=02:00:00
set -euo pipefail
cd "${SLURM_SUBMIT_DIR:-.}"
exec node --import tsx pipeline/cli.ts merge --raw "${RAW:-raw}" --build "${BUILD:-build}" --out "${DIST:-dist}" --jobs "${SLURM_CPUS_PER_TASK:-1}" "${SHARDS:-build/shards}"/*
