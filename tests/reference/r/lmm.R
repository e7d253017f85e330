# Linear mixed models (lme4::lmer) -> tests/reference/lmm.json

lmm_cases <- list(
  list(id = "sleepstudy_slopes_reml", dataset = "sleepstudy", formula = "Reaction ~ Days + (Days | Subject)", REML = TRUE,
       minqa = TRUE, newdata = list(group = "Subject", value = "NEW")),
  list(id = "sleepstudy_slopes_ml", dataset = "sleepstudy", formula = "Reaction ~ Days + (Days | Subject)", REML = FALSE,
       minqa = TRUE),
  list(id = "sleepstudy_uncorrelated_reml", dataset = "sleepstudy", formula = "Reaction ~ Days + (Days || Subject)", REML = TRUE),
  list(id = "sleepstudy_intercept_reml", dataset = "sleepstudy", formula = "Reaction ~ Days + (1 | Subject)", REML = TRUE),
  list(id = "sleepstudy_intercept_ml", dataset = "sleepstudy", formula = "Reaction ~ Days + (1 | Subject)", REML = FALSE),
  list(id = "sleepstudy_null_reml", dataset = "sleepstudy", formula = "Reaction ~ 1 + (1 | Subject)", REML = TRUE),
  list(id = "sleepstudy_log_reml", dataset = "sleepstudy", formula = "log(Reaction) ~ Days + (Days | Subject)", REML = TRUE),
  list(id = "sleepstudy_rankdef_reml", dataset = "sleepstudy", formula = "Reaction ~ Days + I(2 * Days) + (1 | Subject)", REML = TRUE),
  list(id = "sleepstudy_factordays_ml", dataset = "sleepstudy", formula = "Reaction ~ factor(Days) + (1 | Subject)", REML = FALSE),
  list(id = "dyestuff_reml", dataset = "dyestuff", formula = "Yield ~ 1 + (1 | Batch)", REML = TRUE),
  list(id = "dyestuff_ml", dataset = "dyestuff", formula = "Yield ~ 1 + (1 | Batch)", REML = FALSE),
  list(id = "dyestuff2_reml", dataset = "dyestuff2", formula = "Yield ~ 1 + (1 | Batch)", REML = TRUE),
  list(id = "penicillin_reml", dataset = "penicillin", formula = "diameter ~ 1 + (1 | plate) + (1 | sample)", REML = TRUE,
       newdata = list(group = "plate", value = "NEW")),
  list(id = "penicillin_ml", dataset = "penicillin", formula = "diameter ~ 1 + (1 | plate) + (1 | sample)", REML = FALSE),
  list(id = "pastes_nested_reml", dataset = "pastes", formula = "strength ~ 1 + (1 | batch/cask)", REML = TRUE),
  list(id = "insteval_ml", dataset = "insteval", formula = "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)", REML = FALSE),
  list(id = "fhch2010_intercepts_reml", dataset = "fhch2010", formula = "log_rt ~ task * stimulus + (1 | id) + (1 | item)", REML = TRUE),
  list(id = "fhch2010_slopes_reml", dataset = "fhch2010", formula = "log_rt ~ task * stimulus + (stimulus | id) + (task | item)", REML = TRUE),
  list(id = "sitka_intercept_reml", dataset = "sitka", formula = "size ~ Time * treat + (1 | tree)", REML = TRUE),
  list(id = "sitka_slopes_reml", dataset = "sitka", formula = "size ~ Time + treat + (Time | tree)", REML = TRUE),
  list(id = "sitka_slopes_scaled_reml", dataset = "sitka", formula = "size ~ I(Time/100) + treat + (I(Time/100) | tree)", REML = TRUE),
  list(id = "dietox_slopes_reml", dataset = "dietox", formula = "Weight ~ Time + (Time | Pig)", REML = TRUE),
  list(id = "dietox_slopes_ml", dataset = "dietox", formula = "Weight ~ Time + (Time | Pig)", REML = FALSE),
  list(id = "dietox_evit_reml", dataset = "dietox", formula = "Weight ~ Time * Evit + (1 | Pig)", REML = TRUE),
  list(id = "cake_treatment_reml", dataset = "cake", formula = "angle ~ recipe * temperature + (1 | recipe:replicate)", REML = TRUE,
       newdata = list(group = "replicate", value = "NEW")),
  list(id = "cake_sum_reml", dataset = "cake", formula = "angle ~ recipe * temperature + (1 | recipe:replicate)", REML = TRUE, contrasts = "sum"),
  list(id = "cbpp_weighted_reml", dataset = "cbpp", formula = "incidence / size ~ period + (1 | herd)", REML = TRUE, weights = "size"),
  list(id = "cbpp_weighted_ml", dataset = "cbpp", formula = "incidence / size ~ period + (1 | herd)", REML = FALSE, weights = "size"),
  list(id = "cake_helmert_reml", dataset = "cake", formula = "angle ~ recipe * temperature + (1 | recipe:replicate)", REML = TRUE, contrasts = "helmert")
)

# The default optimizer (nloptwrap BOBYQA) stops with ftol_abs = 1e-8, which on a flat optimum leaves
# parameters off by up to ~1e-4 relative. This refit with minqa's BOBYQA, started at the default
# estimates with rhoend = 1e-10, gives the optimum itself, so parameters can be compared at tight tolerances.
tight_refit <- function(m, cs, d, ctr) {
  ctrl <- lme4::lmerControl(optimizer = "bobyqa",
                            optCtrl = list(rhobeg = 1e-3, rhoend = 1e-10, maxfun = 1e5),
                            check.conv.grad = "ignore", check.conv.singular = "ignore", check.conv.hess = "ignore")
  t <- suppressWarnings(suppressMessages(with_contrasts(ctr,
         lme4::lmer(as.formula(cs$formula), data = d, REML = cs$REML, control = ctrl,
                    weights = if (is.null(cs$weights)) NULL else d[[cs$weights]],
                    start = list(theta = getME(m, "theta"))))))
  list(objective = if (cs$REML) REMLcrit(t) else deviance(t), theta = arr(getME(t, "theta")),
       sigma = sigma(t), fixed = fixed_table(t), random = random_rows(t), evaluations = t@optinfo$feval,
       ranef = ranef_list(t), fitted = first_n(fitted(t), 50))
}

# lme4 with minqa's BOBYQA (optimizer = "bobyqa") from the default start, for the optimizer tests.
minqa_fit <- function(cs, d, ctr) {
  ctrl <- lme4::lmerControl(optimizer = "bobyqa")
  t <- suppressWarnings(suppressMessages(with_contrasts(ctr,
         lme4::lmer(as.formula(cs$formula), data = d, REML = cs$REML, control = ctrl))))
  list(objective = if (cs$REML) REMLcrit(t) else deviance(t), theta = arr(getME(t, "theta")),
       evaluations = t@optinfo$feval)
}

fit_lmm_case <- function(cs) {
  d <- read_dataset(cs$dataset)
  ctr <- if (is.null(cs$contrasts)) "treatment" else cs$contrasts
  t0 <- proc.time()[["elapsed"]]
  w <- if (is.null(cs$weights)) NULL else d[[cs$weights]]
  cap <- capture_fit(with_contrasts(ctr, lme4::lmer(as.formula(cs$formula), data = d, REML = cs$REML, weights = w)))
  el <- proc.time()[["elapsed"]] - t0
  m <- cap$value
  ll <- logLik(m)
  X <- getME(m, "X")
  dropped <- attr(X, "col.dropped")
  out <- list(
    id = cs$id, dataset = cs$dataset, formula = cs$formula, REML = cs$REML, contrasts = ctr,
    weights = cs$weights,
    nobs = nobs(m), ngroups = as.list(ngrps(m)),
    logLik = as.numeric(ll), df = attr(ll, "df"), AIC = AIC(m), BIC = BIC(m), df_resid = df.residual(m),
    REMLcrit = if (cs$REML) REMLcrit(m) else NULL,
    deviance = if (cs$REML) NULL else deviance(m),
    objective = if (cs$REML) REMLcrit(m) else deviance(m),
    sigma = sigma(m), theta = arr(getME(m, "theta")), theta_names = arr(names(getME(m, "theta"))),
    lower = arr(getME(m, "lower")),
    evaluations = m@optinfo$feval, singular = isSingular(m),
    warnings = optinfo_warnings(m), fit_warnings = arr(cap$warnings), fit_messages = arr(cap$messages),
    fixed = fixed_table(m),
    vcov = rows_of(as.matrix(vcov(m))),
    dropped = arr(if (is.null(dropped)) character(0) else names(dropped)),
    random = random_rows(m),
    ranef = ranef_list(m),
    coef_first_group = coef_first_group(m),
    fitted_count = min(nobs(m), if (nobs(m) > 1000) 50 else nobs(m)),
    fitted = first_n(fitted(m), 50),
    residuals = first_n(residuals(m), 50),
    r_seconds = el,
    tight = tight_refit(m, cs, d, ctr)
  )
  if (isTRUE(cs$minqa)) out$minqa <- minqa_fit(cs, d, ctr)
  if (!is.null(cs$newdata)) {
    mf <- model.frame(m)
    vars <- all.vars(as.formula(cs$formula))
    vars <- vars[vars %in% names(d)]
    nd <- d[as.integer(rownames(mf))[1:6], vars, drop = FALSE]
    g <- cs$newdata$group
    nd[[g]] <- factor(as.character(nd[[g]]), levels = c(levels(d[[g]]), cs$newdata$value))
    nd[[g]][6] <- cs$newdata$value
    rownames(nd) <- NULL
    out$predict_newdata <- list(
      rows = df_rows(nd),
      population = arr(predict(m, newdata = nd, re.form = NA)),
      conditional = arr(predict(m, newdata = nd, allow.new.levels = TRUE)))
  }
  cat(sprintf("  lmm %-32s %6.1fs %s\n", cs$id, el,
              paste(c(cap$warnings, cap$messages, optinfo_warnings(m)), collapse = " | ")))
  out
}

lmm_results <- lapply(lmm_cases, fit_lmm_case)
write_reference(list(cases = lmm_results), "lmm.json")
