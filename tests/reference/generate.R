# Regenerate the golden reference JSON files from R.
# Run from the repository root:  Rscript tests/reference/generate.R [area ...]
# (areas: lmm inference glmm emmeans modelmatrix performance optimizer workflow variance workflow2 gls; default all)
invisible(Sys.setlocale("LC_COLLATE", "C"))
t_start <- proc.time()[["elapsed"]]
source(file.path("tests", "reference", "r", "common.R"))
args <- commandArgs(trailingOnly = TRUE)
areas <- if (length(args)) args else c("lmm", "inference", "glmm", "emmeans", "modelmatrix", "performance", "optimizer", "workflow", "variance", "workflow2", "gls")
for (area in areas) {
  area_start <- proc.time()[["elapsed"]]
  cat("== ", area, "\n", sep = "")
  source(file.path("tests", "reference", "r", paste0(area, ".R")), local = new.env(parent = globalenv()))
  cat(sprintf("== %s done in %.1f s\n", area, proc.time()[["elapsed"]] - area_start))
}
cat(sprintf("total %.1f s\n", proc.time()[["elapsed"]] - t_start))
