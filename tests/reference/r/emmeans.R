# Estimated marginal means (emmeans) -> tests/reference/emmeans.json
# and studentized-range / other distribution values -> tests/reference/distributions.json

emm_models <- list(
  fhch2010 = list(dataset = "fhch2010", formula = "log_rt ~ task * stimulus + (1 | id) + (1 | item)", family = NULL),
  cake = list(dataset = "cake", formula = "angle ~ recipe * temperature + (1 | recipe:replicate)", family = NULL),
  sleepstudy = list(dataset = "sleepstudy", formula = "Reaction ~ Days + (Days | Subject)", family = NULL),
  dietox = list(dataset = "dietox", formula = "Weight ~ Time * Evit + (1 | Pig)", family = NULL),
  sleepstudy_log = list(dataset = "sleepstudy", formula = "Reaction ~ log(Days + 1) + (1 | Subject)", family = NULL),
  cbpp = list(dataset = "cbpp", formula = "cbind(incidence, size - incidence) ~ period + (1 | herd)", family = "binomial"),
  cbpp_size = list(dataset = "cbpp", formula = "cbind(incidence, size - incidence) ~ period + size + (1 | herd)", family = "binomial")
)

emm_fitted <- lapply(emm_models, function(md) {
  d <- read_dataset(md$dataset)
  if (is.null(md$family)) lme4::lmer(as.formula(md$formula), data = d, REML = TRUE)
  else lme4::glmer(as.formula(md$formula), data = d, family = get(md$family)())
})

# specs: right-hand side of the emmeans formula; contrast = method name or NULL;
# adjust = NULL means the family's default; var = emtrends variable; at = emmeans' `at` (covariate values).
emm_cases <- list(
  list(id = "fhch2010_task_stimulus_pairwise", model = "fhch2010", specs = "~ task * stimulus", by = NULL,
       contrast = "pairwise", adjust = "tukey", df_method = "satterthwaite", type = "link"),
  list(id = "fhch2010_task_by_stimulus_pairwise", model = "fhch2010", specs = "~ task | stimulus", by = "stimulus",
       contrast = "pairwise", adjust = "tukey", df_method = "satterthwaite", type = "link"),
  list(id = "fhch2010_task_stimulus_asymptotic", model = "fhch2010", specs = "~ task * stimulus", by = NULL,
       contrast = "revpairwise", adjust = "tukey", df_method = "asymptotic", type = "link"),
  list(id = "cake_recipe_pairwise_tukey", model = "cake", specs = "~ recipe", by = NULL,
       contrast = "pairwise", adjust = "tukey", df_method = "kenward-roger", type = "link"),
  list(id = "cake_temperature_poly", model = "cake", specs = "~ temperature", by = NULL,
       contrast = "poly", adjust = "none", df_method = "kenward-roger", type = "link"),
  list(id = "cake_temperature_consec_holm", model = "cake", specs = "~ temperature", by = NULL,
       contrast = "consec", adjust = "holm", df_method = "kenward-roger", type = "link"),
  list(id = "cake_temperature_trt_vs_ctrl_dunnettx", model = "cake", specs = "~ temperature", by = NULL,
       contrast = "trt.vs.ctrl", adjust = "dunnettx", df_method = "kenward-roger", type = "link"),
  list(id = "cake_temperature_pairwise_bonferroni", model = "cake", specs = "~ temperature", by = NULL,
       contrast = "pairwise", adjust = "bonferroni", df_method = "kenward-roger", type = "link"),
  list(id = "cake_temperature_pairwise_sidak", model = "cake", specs = "~ temperature", by = NULL,
       contrast = "pairwise", adjust = "sidak", df_method = "kenward-roger", type = "link"),
  list(id = "cake_temperature_pairwise_BH", model = "cake", specs = "~ temperature", by = NULL,
       contrast = "pairwise", adjust = "BH", df_method = "kenward-roger", type = "link"),
  list(id = "cake_temperature_pairwise_hochberg", model = "cake", specs = "~ temperature", by = NULL,
       contrast = "pairwise", adjust = "hochberg", df_method = "kenward-roger", type = "link"),
  list(id = "cake_temperature_pairwise_scheffe", model = "cake", specs = "~ temperature", by = NULL,
       contrast = "pairwise", adjust = "scheffe", df_method = "kenward-roger", type = "link"),
  list(id = "cake_temperature_pairwise_none", model = "cake", specs = "~ temperature", by = NULL,
       contrast = "pairwise", adjust = "none", df_method = "kenward-roger", type = "link"),
  list(id = "cake_recipe_by_temperature_pairwise", model = "cake", specs = "~ recipe | temperature", by = "temperature",
       contrast = "pairwise", adjust = "tukey", df_method = "kenward-roger", type = "link"),
  list(id = "cake_recipe_temperature_satterthwaite", model = "cake", specs = "~ recipe", by = NULL,
       contrast = "pairwise", adjust = "tukey", df_method = "satterthwaite", type = "link"),
  list(id = "sleepstudy_days_trend", model = "sleepstudy", specs = "~ 1", by = NULL, var = "Days",
       contrast = NULL, adjust = NULL, df_method = "kenward-roger", type = "link"),
  list(id = "dietox_time_trend_by_evit", model = "dietox", specs = "~ Evit", by = NULL, var = "Time",
       contrast = "pairwise", adjust = "tukey", df_method = "kenward-roger", type = "link"),
  list(id = "sleepstudy_logdays_mean", model = "sleepstudy_log", specs = "~ 1", by = NULL,
       contrast = NULL, adjust = NULL, df_method = "kenward-roger", type = "link"),
  list(id = "sleepstudy_logdays_trend", model = "sleepstudy_log", specs = "~ 1", by = NULL, var = "Days",
       contrast = NULL, adjust = NULL, df_method = "kenward-roger", type = "link"),
  list(id = "dietox_evit_pairwise", model = "dietox", specs = "~ Evit", by = NULL,
       contrast = "pairwise", adjust = "tukey", df_method = "kenward-roger", type = "link"),
  list(id = "cbpp_period_response_pairwise", model = "cbpp", specs = "~ period", by = NULL,
       contrast = "pairwise", adjust = "tukey", df_method = "asymptotic", type = "response"),
  list(id = "cbpp_period_link_trt_vs_ctrl", model = "cbpp", specs = "~ period", by = NULL,
       contrast = "trt.vs.ctrl", adjust = "dunnettx", df_method = "asymptotic", type = "link"),
  list(id = "cbpp_size_trend", model = "cbpp_size", specs = "~ 1", by = NULL, var = "size",
       contrast = NULL, adjust = NULL, df_method = "asymptotic", type = "link"),
  list(id = "cbpp_size_period_response_at10", model = "cbpp_size", specs = "~ period", by = NULL, at = list(size = 10),
       contrast = NULL, adjust = NULL, df_method = "asymptotic", type = "response")
)

emm_num <- function(x) { x <- as.numeric(x); if (is.na(x)) NULL else x }

summary_rows <- function(s, vars) {
  est <- attr(s, "estName")
  cl <- attr(s, "clNames")
  stat <- intersect(c("t.ratio", "z.ratio"), names(s))
  lapply(seq_len(nrow(s)), function(i) {
    lv <- lapply(vars, function(v) as.character(s[[v]][i]))
    names(lv) <- vars
    r <- list(levels = lv, estimate = emm_num(s[[est]][i]), se = emm_num(s$SE[i]),
         df = if (is.infinite(s$df[i])) "Inf" else emm_num(s$df[i]),
         lower = emm_num(s[[cl[1]]][i]), upper = emm_num(s[[cl[2]]][i]),
         statistic = if (length(stat)) emm_num(s[[stat]][i]) else NULL,
         p = if ("p.value" %in% names(s)) emm_num(s$p.value[i]) else NULL)
    if ("null" %in% names(s)) r$null <- emm_num(s$null[i])
    r
  })
}

emm_case <- function(cs) {
  m <- emm_fitted[[cs$model]]
  md <- emm_models[[cs$model]]
  dfm <- cs$df_method
  extra <- list()
  if (is.null(md$family)) {
    extra$lmer.df <- dfm
    extra$lmerTest.limit <- 100000
    extra$pbkrtest.limit <- 100000
  }
  if (!is.null(cs$at)) extra$at <- cs$at
  args <- c(list(m, as.formula(cs$specs)), extra)
  cap <- if (is.null(cs$var)) capture_fit(do.call(emmeans, args))
         else capture_fit(do.call(emtrends, c(args, list(var = cs$var))))
  emm <- cap$value
  s <- summary(emm, infer = c(TRUE, TRUE), type = cs$type)
  grid_vars <- c(attr(s, "pri.vars"), attr(s, "by.vars"))
  grid_vars <- grid_vars[grid_vars %in% names(s)]
  out <- list(id = cs$id, model = list(dataset = md$dataset, formula = md$formula, family = md$family, REML = is.null(md$family)),
              specs = cs$specs, by = cs$by, var = cs$var, at = lapply(cs$at, arr), contrast_method = cs$contrast, adjust = cs$adjust,
              df_method = dfm, type = cs$type,
              grid_estimate_name = attr(s, "estName"), grid_vars = arr(grid_vars),
              grid = summary_rows(s, grid_vars), grid_messages = arr(attr(s, "mesg")),
              emmeans_messages = arr(c(cap$warnings, cap$messages)))
  if (is.null(cs$at)) out$at <- NULL
  if (!is.null(cs$contrast)) {
    con <- contrast(emm, method = cs$contrast, adjust = cs$adjust)
    cs2 <- summary(con, infer = c(TRUE, TRUE), type = cs$type)
    cvars <- c("contrast", attr(cs2, "by.vars"))
    cvars <- cvars[cvars %in% names(cs2)]
    rows <- summary_rows(cs2, cvars)
    rows <- lapply(rows, function(r) { r$contrast <- r$levels$contrast; r$levels$contrast <- NULL
                                       if (length(r$levels) == 0) r$levels <- NULL; r })
    out$contrast_estimate_name <- attr(cs2, "estName")
    out$contrasts <- rows
    out$contrast_messages <- arr(attr(cs2, "mesg"))
    out$contrast_coefficients <- lapply(coef(con)[, -(seq_along(grid_vars)), drop = FALSE], arr)
  }
  cat(sprintf("  emmeans %s\n", cs$id))
  out
}

emm_results <- lapply(emm_cases, emm_case)

# joint_tests on the cake model (Kenward-Roger, asymptotic), fhch2010 (Satterthwaite) and the cbpp glmer.
# emmeans rounds F to 3 decimals (and df2 to 2) in the joint_tests table; F_unrounded is the same statistic
# recomputed from the term's contrasts: est' solve(vcov(con), est) / df1 with con = contrast(emmeans(m, term),
# interaction = "consec"), as joint_tests builds them (each contrast matrix here has full row rank).
joint_f <- function(m, term, extra) {
  emm <- suppressMessages(do.call(emmeans, c(list(m, strsplit(term, ":")[[1]]), extra)))
  con <- contrast(emm, interaction = "consec")
  L <- con@linfct
  if (qr(t(L))$rank != nrow(L)) stop("joint_f: contrasts of ", term, " are not of full row rank")
  est <- drop(L %*% con@bhat)
  sum(est * solve(vcov(con), est)) / nrow(L)
}
joint <- function(model, dfm) {
  md <- emm_models[[model]]
  m <- emm_fitted[[model]]
  extra <- if (is.null(md$family)) list(lmer.df = dfm, lmerTest.limit = 100000, pbkrtest.limit = 100000) else list()
  jt <- as.data.frame(do.call(joint_tests, c(list(m), extra)))
  list(model = list(dataset = md$dataset, formula = md$formula, family = md$family),
       df_method = dfm,
       rows = lapply(seq_len(nrow(jt)), function(i) {
         term <- as.character(jt[["model term"]][i])
         f <- joint_f(m, term, extra)
         if (abs(round(f, 3) - jt$F.ratio[i]) > 1e-9) stop("joint_f: ", term, " F ", f, " vs ", jt$F.ratio[i])
         list(term = term, df1 = jt$df1[i],
              df2 = if (is.infinite(jt$df2[i])) "Inf" else jt$df2[i],
              F = jt$F.ratio[i], F_unrounded = f, p = jt$p.value[i])
       }))
}
joint_results <- list(joint("cake", "kenward-roger"), joint("fhch2010", "satterthwaite"),
                      joint("cake", "asymptotic"), joint("cbpp", "asymptotic"))

write_reference(list(cases = emm_results, joint_tests = joint_results), "emmeans.json")

# ---- distributions.json ----
dfs <- c(2, 5, 10, 30, 1000, Inf)
df_json <- function(x) if (is.infinite(x)) "Inf" else x
grid <- expand.grid(q = c(1, 2, 3.5, 5), nmeans = c(2, 3, 5, 10), df = dfs)
ptukey_rows <- lapply(seq_len(nrow(grid)), function(i) with(grid[i, ], list(
  q = q, nmeans = nmeans, df = df_json(df), p = ptukey(q, nmeans, df), upper = ptukey(q, nmeans, df, lower.tail = FALSE))))
qgrid <- expand.grid(nmeans = c(2, 3, 5, 10), df = dfs)
qtukey_rows <- lapply(seq_len(nrow(qgrid)), function(i) with(qgrid[i, ], list(
  p = 0.95, nmeans = nmeans, df = df_json(df), q = qtukey(0.95, nmeans, df))))
tgrid <- expand.grid(x = c(-3, -1.5, 0.5, 2, 4.5), df = c(1, 2.5, 5, 10, 77.437, 1000, Inf))
pt_rows <- lapply(seq_len(nrow(tgrid)), function(i) with(tgrid[i, ], list(
  x = x, df = df_json(df), p = pt(x, df), two_sided = 2 * pt(-abs(x), df))))
qt_rows <- lapply(c(1, 2.5, 5, 10, 77.437, 1000, Inf), function(df) list(
  p = 0.975, df = df_json(df), q = qt(0.975, df)))
fgrid <- expand.grid(x = c(0.25, 1, 3, 20.5), df1 = c(1, 2, 5), df2 = c(3, 41.9999998, 210, Inf))
pf_rows <- lapply(seq_len(nrow(fgrid)), function(i) with(fgrid[i, ], list(
  x = x, df1 = df1, df2 = df_json(df2), upper = pf(x, df1, df2, lower.tail = FALSE))))
cgrid <- expand.grid(x = c(0.5, 3, 42.1393), df = c(1, 2, 3, 10))
pchisq_rows <- lapply(seq_len(nrow(cgrid)), function(i) with(cgrid[i, ], list(
  x = x, df = df, upper = pchisq(x, df, lower.tail = FALSE))))
norm_rows <- lapply(c(-5, -1.96, 0, 1, 2.5), function(x) list(x = x, p = pnorm(x)))
write_reference(list(ptukey = ptukey_rows, qtukey = qtukey_rows, pt = pt_rows, qt = qt_rows,
                     pf = pf_rows, pchisq = pchisq_rows, pnorm = norm_rows,
                     qnorm_0975 = qnorm(0.975)), "distributions.json")
