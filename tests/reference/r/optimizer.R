# Optimizer cases (lme4::lmer) -> tests/reference/optimizer.json
# Models on which a derivative-free optimizer can stop short of the optimum: correlated random slopes whose
# optimum lies on or near the boundary, uncentred covariates, many variance parameters. For each case: lme4's
# default fit and tight minqa BOBYQA fits (rhoend 1e-10) started from lme4's estimate and from the default
# start; "tight" is the better of the two.
# The datasets come from R packages (nlme::Spruce, datasets::Orange, afex::ks2013.3) or are simulated here
# with fixed seeds; they are written to tests/reference/data/ and read back as the C# reader reads them.

data_dir <- file.path(REF_DIR, "data")
dir.create(data_dir, showWarnings = FALSE)
read_ref_dataset <- read_dataset
environment(read_ref_dataset) <- list2env(list(DATA_DIR = data_dir), parent = globalenv())

write_ref_dataset <- function(d, name) write.csv(d, file.path(data_dir, paste0(name, ".csv")), row.names = FALSE)

# log(k) ~ f:z + (x | g): small simulated data, 8 groups of 6.
simulate_kz <- function(seed) {
  set.seed(seed)
  ng <- 8; n <- 48
  g <- factor(sprintf("g%d", rep(1:ng, each = n / ng)))
  x <- round(runif(n, 0, 10), 2); z <- round(rnorm(n, 5, 2), 2)
  f <- factor(sample(c("a", "b", "c"), n, TRUE))
  b0 <- rnorm(ng, 0, 0.3)[as.integer(g)]
  k <- round(exp(1 + 0.05 * x + 0.1 * z * (f == "b") + b0 + rnorm(n, 0, 0.5)), 3)
  data.frame(g, x, z, f, k)
}

write_ref_dataset(data.frame(Tree = as.character(nlme::Spruce$Tree), days = nlme::Spruce$days,
                             logSize = nlme::Spruce$logSize, plot = paste0("p", nlme::Spruce$plot)), "spruce")
write_ref_dataset(data.frame(Tree = paste0("t", datasets::Orange$Tree), age = datasets::Orange$age,
                             circumference = datasets::Orange$circumference), "orange")
local({
  d <- afex::ks2013.3
  write_ref_dataset(data.frame(id = sprintf("s%02d", as.integer(as.character(d$id))), condition = as.character(d$condition),
                               validity = as.character(d$validity), believability = as.character(d$believability),
                               response = d$response), "ks2013")
})
for (s in c(5, 6, 23)) write_ref_dataset(simulate_kz(s), paste0("kzsim", s))

optimizer_cases <- list(
  list(id = "ks2013_validity_sum_ml", dataset = "ks2013", formula = "response ~ 1 + (validity | id)", REML = FALSE, contrasts = "sum"),
  list(id = "ks2013_validity_treatment_ml", dataset = "ks2013", formula = "response ~ 1 + (validity | id)", REML = FALSE),
  list(id = "ks2013_condition_sum_ml", dataset = "ks2013", formula = "response ~ 1 + (condition | id)", REML = FALSE, contrasts = "sum"),
  list(id = "spruce_slopes_reml", dataset = "spruce", formula = "logSize ~ days * plot + (days | Tree)", REML = TRUE),
  list(id = "spruce_slopes_ml", dataset = "spruce", formula = "logSize ~ days * plot + (days | Tree)", REML = FALSE),
  list(id = "orange_slopes_reml", dataset = "orange", formula = "circumference ~ age + (age | Tree)", REML = TRUE),
  list(id = "orange_slopes_ml", dataset = "orange", formula = "circumference ~ age + (age | Tree)", REML = FALSE),
  list(id = "kzsim5_reml", dataset = "kzsim5", formula = "log(k) ~ f:z + (x | g)", REML = TRUE),
  list(id = "kzsim6_reml", dataset = "kzsim6", formula = "log(k) ~ f:z + (x | g)", REML = TRUE),
  list(id = "kzsim23_reml", dataset = "kzsim23", formula = "log(k) ~ f:z + (x | g)", REML = TRUE),
  list(id = "kb07sim_maximal_reml", dataset = "kb07sim", builtin = TRUE, REML = TRUE,
       formula = "rt_trunc ~ spkr * prec * load + (1 + spkr + prec + load | subj) + (1 + spkr + prec + load | item)")
)

fit_optimizer_case <- function(cs) {
  d <- if (isTRUE(cs$builtin)) read_dataset(cs$dataset) else read_ref_dataset(cs$dataset)
  ctr <- if (is.null(cs$contrasts)) "treatment" else cs$contrasts
  crit <- function(m) if (cs$REML) REMLcrit(m) else deviance(m)
  fit <- function(control, start = NULL) suppressWarnings(suppressMessages(with_contrasts(ctr,
    lme4::lmer(as.formula(cs$formula), data = d, REML = cs$REML, control = control, start = start))))
  t0 <- proc.time()[["elapsed"]]
  cap <- capture_fit(with_contrasts(ctr, lme4::lmer(as.formula(cs$formula), data = d, REML = cs$REML)))
  el <- proc.time()[["elapsed"]] - t0
  m <- cap$value
  tight_ctrl <- function(rhobeg) lme4::lmerControl(optimizer = "bobyqa",
    optCtrl = list(rhobeg = rhobeg, rhoend = 1e-10, maxfun = 1e5),
    check.conv.grad = "ignore", check.conv.singular = "ignore", check.conv.hess = "ignore")
  from_estimate <- fit(tight_ctrl(1e-3), list(theta = getME(m, "theta")))
  from_start <- fit(tight_ctrl(0.2))
  best <- if (crit(from_start) < crit(from_estimate)) from_start else from_estimate
  summ <- function(t) list(objective = crit(t), theta = arr(getME(t, "theta")), evaluations = t@optinfo$feval)
  cat(sprintf("  optimizer %-30s default %.6f  tight %.6f / %.6f  %6.1fs\n", cs$id, crit(m), crit(from_estimate), crit(from_start), el))
  list(id = cs$id, dataset = cs$dataset, builtin = isTRUE(cs$builtin), formula = cs$formula, REML = cs$REML, contrasts = ctr,
       nobs = nobs(m), logLik = as.numeric(logLik(m)),
       objective = crit(m), theta = arr(getME(m, "theta")), lower = arr(getME(m, "lower")),
       evaluations = m@optinfo$feval, r_seconds = el,
       warnings = optinfo_warnings(m), fit_messages = arr(c(cap$warnings, cap$messages)),
       tight = c(summ(best), list(logLik = as.numeric(logLik(best)))),
       tight_from_estimate = summ(from_estimate), tight_from_start = summ(from_start))
}

optimizer_results <- lapply(optimizer_cases, fit_optimizer_case)
write_reference(list(cases = optimizer_results), "optimizer.json")
