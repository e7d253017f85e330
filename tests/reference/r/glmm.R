# Generalized linear mixed models (lme4::glmer) -> tests/reference/glmm.json

glmm_cases <- list(
  list(id = "cbpp_binomial_laplace", dataset = "cbpp", formula = "cbind(incidence, size - incidence) ~ period + (1 | herd)",
       family = "binomial", link = "logit", nAGQ = 1),
  list(id = "cbpp_binomial_agq25", dataset = "cbpp", formula = "cbind(incidence, size - incidence) ~ period + (1 | herd)",
       family = "binomial", link = "logit", nAGQ = 25),
  list(id = "cbpp_binomial_nagq0", dataset = "cbpp", formula = "cbind(incidence, size - incidence) ~ period + (1 | herd)",
       family = "binomial", link = "logit", nAGQ = 0),
  list(id = "cbpp_proportion_weights", dataset = "cbpp", formula = "incidence / size ~ period + (1 | herd)",
       family = "binomial", link = "logit", nAGQ = 1, weights = "size"),
  list(id = "cbpp_binomial_probit", dataset = "cbpp", formula = "cbind(incidence, size - incidence) ~ period + (1 | herd)",
       family = "binomial", link = "probit", nAGQ = 1),
  list(id = "cbpp_binomial_cloglog", dataset = "cbpp", formula = "cbind(incidence, size - incidence) ~ period + (1 | herd)",
       family = "binomial", link = "cloglog", nAGQ = 1),
  list(id = "cbpp_poisson_offset", dataset = "cbpp", formula = "incidence ~ period + offset(log(size)) + (1 | herd)",
       family = "poisson", link = "log", nAGQ = 1),
  list(id = "grouseticks_poisson", dataset = "grouseticks", formula = "TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)",
       family = "poisson", link = "log", nAGQ = 1),
  list(id = "verbagg_binomial", dataset = "verbagg", formula = "r2 ~ Anger + Gender + btype + situ + (1 | id) + (1 | item)",
       family = "binomial", link = "logit", nAGQ = 1)
)

glmm_family <- function(cs) get(cs$family)(link = cs$link)

fit_glmm <- function(cs, formula = cs$formula) {
  d <- read_dataset(cs$dataset)
  fam <- glmm_family(cs)
  if (is.null(cs$weights)) {
    capture_fit(lme4::glmer(as.formula(formula), data = d, family = fam, nAGQ = cs$nAGQ))
  } else {
    d$.w <- d[[cs$weights]]
    capture_fit(lme4::glmer(as.formula(formula), data = d, family = fam, nAGQ = cs$nAGQ, weights = .w))
  }
}

glmm_fixed_table <- function(m) {
  ct <- summary(m)$coefficients
  lapply(seq_len(nrow(ct)), function(i)
    list(term = rownames(ct)[i], estimate = ct[i, 1], se = ct[i, 2], statistic = ct[i, 3], p = ct[i, 4]))
}

glmm_results <- lapply(glmm_cases, function(cs) {
  t0 <- proc.time()[["elapsed"]]
  cap <- fit_glmm(cs)
  el <- proc.time()[["elapsed"]] - t0
  m <- cap$value
  ll <- logLik(m)
  cat(sprintf("  glmm %-28s %6.1fs %s\n", cs$id, el,
              paste(c(cap$warnings, cap$messages, optinfo_warnings(m)), collapse = " | ")))
  list(id = cs$id, dataset = cs$dataset, formula = cs$formula, family = cs$family, link = cs$link,
       nAGQ = cs$nAGQ, weights = cs$weights,
       nobs = nobs(m), ngroups = as.list(ngrps(m)),
       logLik = as.numeric(ll), df = attr(ll, "df"), AIC = AIC(m), BIC = BIC(m),
       deviance = deviance(m), minus2loglik = -2 * as.numeric(ll), df_resid = df.residual(m),
       optimizer_par = arr(m@optinfo$val),
       theta = arr(getME(m, "theta")), beta = arr(getME(m, "beta")),
       evaluations = m@optinfo$feval, singular = isSingular(m),
       warnings = optinfo_warnings(m), fit_warnings = arr(cap$warnings), fit_messages = arr(cap$messages),
       fixed = glmm_fixed_table(m),
       vcov = rows_of(as.matrix(vcov(m))),
       random = random_rows(m),
       ranef = ranef_list(m),
       fitted = arr(head(unname(fitted(m)), 50)),
       linear_predictor = arr(head(unname(predict(m, type = "link")), 50)),
       deviance_residuals = arr(head(unname(residuals(m, type = "deviance")), 50)),
       pearson_residuals = arr(head(unname(residuals(m, type = "pearson")), 50)),
       r_seconds = el)
})

# Nested comparison: anova(m0, m1).
lrt_cs <- glmm_cases[[1]]
m0 <- fit_glmm(lrt_cs, "cbind(incidence, size - incidence) ~ 1 + (1 | herd)")$value
m1 <- fit_glmm(lrt_cs)$value
a <- as.data.frame(anova(m0, m1))
glmm_lrt <- list(dataset = "cbpp", family = "binomial", link = "logit",
  m0 = "cbind(incidence, size - incidence) ~ 1 + (1 | herd)", m1 = lrt_cs$formula,
  rows = lapply(seq_len(nrow(a)), function(i) list(
    model = rownames(a)[i], npar = a[i, "npar"], AIC = a[i, "AIC"], BIC = a[i, "BIC"],
    logLik = a[i, "logLik"], deviance = a[i, "deviance"], Chisq = a[i, "Chisq"],
    Df = a[i, "Df"], p = a[i, "Pr(>Chisq)"])))

write_reference(list(cases = glmm_results, lrt = glmm_lrt), "glmm.json")
