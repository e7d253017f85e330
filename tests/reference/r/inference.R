# Inference for linear mixed models (lmerTest, pbkrtest, lme4) -> tests/reference/inference.json

KR_MAX_N <- 3000   # pbkrtest builds n x n matrices; above this it is skipped (too slow)

inf_cases <- list(
  list(id = "sleepstudy_slopes", dataset = "sleepstudy", formula = "Reaction ~ Days + (Days | Subject)"),
  list(id = "sleepstudy_factordays", dataset = "sleepstudy", formula = "Reaction ~ factor(Days) + (1 | Subject)"),
  list(id = "cake", dataset = "cake", formula = "angle ~ recipe * temperature + (1 | recipe:replicate)"),
  list(id = "penicillin", dataset = "penicillin", formula = "diameter ~ 1 + (1 | plate) + (1 | sample)"),
  list(id = "fhch2010_intercepts", dataset = "fhch2010", formula = "log_rt ~ task * stimulus + (1 | id) + (1 | item)"),
  list(id = "dietox_evit", dataset = "dietox", formula = "Weight ~ Time * Evit + (1 | Pig)"),
  list(id = "sitka_intercept", dataset = "sitka", formula = "size ~ Time * treat + (1 | tree)"),
  list(id = "pastes_nested", dataset = "pastes", formula = "strength ~ 1 + (1 | batch/cask)")
)

coef_rows <- function(ct) {
  lapply(seq_len(nrow(ct)), function(i) list(
    term = rownames(ct)[i], estimate = ct[i, "Estimate"], se = ct[i, "Std. Error"],
    df = ct[i, "df"], t = ct[i, "t value"], p = ct[i, "Pr(>|t|)"]))
}

anova_rows <- function(a) {
  a <- as.data.frame(a)
  lapply(seq_len(nrow(a)), function(i) list(
    term = rownames(a)[i], sumsq = a[i, "Sum Sq"], meansq = a[i, "Mean Sq"],
    numdf = a[i, "NumDF"], dendf = a[i, "DenDF"], F = a[i, "F value"], p = a[i, "Pr(>F)"]))
}

ranova_rows <- function(r) {
  r <- as.data.frame(r)
  lapply(seq_len(nrow(r)), function(i) list(
    term = rownames(r)[i], npar = r[i, "npar"], logLik = r[i, "logLik"], AIC = r[i, "AIC"],
    LRT = r[i, "LRT"], Df = r[i, "Df"], p = r[i, "Pr(>Chisq)"]))
}

confint_rows <- function(ci) {
  lapply(seq_len(nrow(ci)), function(i) list(parm = rownames(ci)[i], lower = ci[i, 1], upper = ci[i, 2]))
}

timed <- function(expr) {
  t0 <- proc.time()[["elapsed"]]
  cap <- capture_fit(expr)
  cap$seconds <- proc.time()[["elapsed"]] - t0
  cap
}

fit_inf_case <- function(cs) {
  d <- read_dataset(cs$dataset)
  m <- capture_fit(lmerTest::lmer(as.formula(cs$formula), data = d, REML = TRUE))$value
  n <- nobs(m)
  do_kr <- n <= KR_MAX_N
  has_fixed_terms <- length(attr(terms(m), "term.labels")) > 0
  out <- list(id = cs$id, dataset = cs$dataset, formula = cs$formula, REML = TRUE, nobs = n,
              REMLcrit = REMLcrit(m), sigma = sigma(m), theta = arr(getME(m, "theta")),
              kenward_roger_computed = do_kr)
  out$satterthwaite <- coef_rows(summary(m)$coefficients)
  out["kenward_roger"] <- list(if (do_kr) coef_rows(summary(m, ddf = "Kenward-Roger")$coefficients) else NULL)
  an <- list()
  for (ddf in c("Satterthwaite", "Kenward-Roger")) {
    if (ddf == "Kenward-Roger" && !do_kr) next
    key <- if (ddf == "Satterthwaite") "satterthwaite" else "kenward_roger"
    an[[key]] <- list(
      I = if (has_fixed_terms) anova_rows(anova(m, type = 1, ddf = ddf)) else list(),
      II = if (has_fixed_terms) anova_rows(anova(m, type = 2, ddf = ddf)) else list(),
      III = if (has_fixed_terms) anova_rows(anova(m, type = 3, ddf = ddf)) else list())
  }
  out$anova <- an
  rv <- capture_fit(ranova(m))
  out$ranova <- ranova_rows(rv$value)
  out$ranova_warnings <- arr(c(rv$warnings, rv$messages))
  wald <- confint(m, method = "Wald", oldNames = FALSE)
  out$confint_wald <- confint_rows(wald)
  pr <- timed(confint(m, method = "profile", oldNames = FALSE))
  out$confint_profile <- confint_rows(pr$value)
  out$confint_profile_warnings <- arr(c(pr$warnings, pr$messages))
  out$vcov <- rows_of(as.matrix(vcov(m)))
  out["vcov_kr"] <- list(if (do_kr) rows_of(as.matrix(pbkrtest::vcovAdj(as(m, "lmerMod")))) else NULL)
  cat(sprintf("  inference %-24s profile %.1fs %s\n", cs$id, pr$seconds,
              paste(c(pr$warnings, rv$warnings), collapse = " | ")))
  out
}

inf_results <- lapply(inf_cases, fit_inf_case)

# Likelihood-ratio comparisons of nested models with lme4's anova(m0, m1).
lrt_cases <- list(
  list(id = "sleepstudy_intercept_vs_slopes_reml", dataset = "sleepstudy",
       m0 = "Reaction ~ Days + (1 | Subject)", m1 = "Reaction ~ Days + (Days | Subject)", REML = TRUE, refit = TRUE),
  list(id = "sleepstudy_intercept_vs_slopes_norefit", dataset = "sleepstudy",
       m0 = "Reaction ~ Days + (1 | Subject)", m1 = "Reaction ~ Days + (Days | Subject)", REML = TRUE, refit = FALSE),
  list(id = "sleepstudy_days_ml", dataset = "sleepstudy",
       m0 = "Reaction ~ 1 + (1 | Subject)", m1 = "Reaction ~ Days + (1 | Subject)", REML = FALSE, refit = TRUE),
  list(id = "cake_additive_vs_interaction_reml", dataset = "cake",
       m0 = "angle ~ recipe + temperature + (1 | recipe:replicate)",
       m1 = "angle ~ recipe * temperature + (1 | recipe:replicate)", REML = TRUE, refit = TRUE)
)

lrt_results <- lapply(lrt_cases, function(cs) {
  d <- read_dataset(cs$dataset)
  m0 <- lme4::lmer(as.formula(cs$m0), data = d, REML = cs$REML)
  m1 <- lme4::lmer(as.formula(cs$m1), data = d, REML = cs$REML)
  cap <- capture_fit(anova(m0, m1, refit = cs$refit))
  a <- as.data.frame(cap$value)
  refitted <- any(grepl("refitting", cap$messages))
  list(id = cs$id, dataset = cs$dataset, m0 = cs$m0, m1 = cs$m1, REML = cs$REML, refit_argument = cs$refit,
       refitted = refitted, messages = arr(cap$messages),
       rows = lapply(seq_len(nrow(a)), function(i) list(
         model = rownames(a)[i], npar = a[i, "npar"], AIC = a[i, "AIC"], BIC = a[i, "BIC"],
         logLik = a[i, "logLik"], deviance = a[i, "deviance"], Chisq = a[i, "Chisq"],
         Df = a[i, "Df"], p = a[i, "Pr(>Chisq)"])))
})

# Ordinary least squares on all rows (fixed part only).
ols_cases <- list(
  list(id = "sleepstudy", dataset = "sleepstudy", formula = "Reaction ~ Days"),
  list(id = "cake", dataset = "cake", formula = "angle ~ recipe * temperature"),
  list(id = "fhch2010", dataset = "fhch2010", formula = "log_rt ~ task * stimulus"),
  list(id = "dietox", dataset = "dietox", formula = "Weight ~ Time * Evit")
)
ols_results <- lapply(ols_cases, function(cs) {
  d <- read_dataset(cs$dataset)
  fit <- lm(as.formula(cs$formula), data = d)
  s <- summary(fit)
  ct <- s$coefficients
  list(id = cs$id, dataset = cs$dataset, formula = cs$formula, nobs = nobs(fit), df_resid = fit$df.residual,
       coefficients = lapply(seq_len(nrow(ct)), function(i) list(
         term = rownames(ct)[i], estimate = ct[i, 1], se = ct[i, 2], t = ct[i, 3], p = ct[i, 4])),
       sigma = s$sigma, r_squared = s$r.squared, adj_r_squared = s$adj.r.squared,
       fstatistic = arr(s$fstatistic), logLik = as.numeric(logLik(fit)), AIC = AIC(fit), BIC = BIC(fit))
})

# lme4::lmList per-group OLS coefficients.
lmlist_d <- read_dataset("sleepstudy")
ll <- lme4::lmList(Reaction ~ Days | Subject, data = lmlist_d)
llc <- coef(ll)
lmlist_result <- list(dataset = "sleepstudy", formula = "Reaction ~ Days | Subject",
                      columns = arr(colnames(llc)), levels = arr(rownames(llc)),
                      values = rows_of(as.matrix(llc)))

write_reference(list(models = inf_results, lrt = lrt_results, ols = ols_results, lmlist = lmlist_result),
                "inference.json")
