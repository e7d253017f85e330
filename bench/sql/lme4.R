# lme4 on the SQL benchmark's CSV files: reads with data.table::fread, fits with lmer's defaults (REML), prints the
# seconds spent reading and fitting (elapsed and CPU) and the estimates. Run under /usr/bin/time -v for peak memory.
# Usage: Rscript bench/sql/lme4.R FILE.csv crossed|nested
suppressPackageStartupMessages({ library(lme4); library(data.table) })
args <- commandArgs(trailingOnly = TRUE)
formula <- switch(args[2],
  crossed = y ~ x + (1 | a) + (1 | b),
  nested = y ~ x + (1 | district/school/class))
read <- system.time(d <- fread(args[1]))
cat(sprintf("read: %.1f s elapsed\n", read[["elapsed"]]))
for (g in intersect(c("a", "b", "district", "school", "class"), names(d))) set(d, j = g, value = factor(d[[g]]))
fit_time <- system.time(fit <- lmer(formula, data = d))
cat(sprintf("read: %.1f s elapsed, %.1f s CPU; fit: %.1f s elapsed, %.1f s CPU; %d evaluations\n",
  read[["elapsed"]], read[["user.self"]] + read[["sys.self"]],
  fit_time[["elapsed"]], fit_time[["user.self"]] + fit_time[["sys.self"]], fit@optinfo$feval))
print(summary(fit), correlation = FALSE)
cat(sprintf("REML criterion %.4f; theta %s\n", REMLcrit(fit), paste(format(getME(fit, "theta"), digits = 10), collapse = " ")))
