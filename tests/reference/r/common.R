# Shared helpers for the golden-reference scripts.
# Sourced by tests/reference/generate.R (run from the repository root).

suppressPackageStartupMessages({
  library(lme4)
  library(lmerTest)
  library(pbkrtest)
  library(emmeans)
  library(jsonlite)
})

REF_DIR <- file.path("tests", "reference")
DATA_DIR <- "data"

# Package versions written into every JSON file.
ref_versions <- function() {
  pk <- c("lme4", "lmerTest", "pbkrtest", "emmeans", "Matrix", "jsonlite")
  v <- lapply(pk, function(p) as.character(packageVersion(p)))
  names(v) <- pk
  c(list(R = R.version.string), v)
}

# Write one reference file: {"versions": {...}, "cases": [...]} (or custom body).
write_reference <- function(body, file) {
  body <- c(list(versions = ref_versions()), body)
  txt <- toJSON(body, digits = NA, auto_unbox = TRUE, null = "null", na = "null",
                pretty = FALSE)
  writeLines(txt, file.path(REF_DIR, file), useBytes = TRUE)
  cat(sprintf("wrote %s (%.0f KB)\n", file, file.size(file.path(REF_DIR, file)) / 1024))
}

# Read data/<name>.csv the way the C# library reads its built-in datasets
# (written by R's write.csv, which quotes exactly the factor columns):
#  * a column is text when any of its fields is quoted in the file, or when not all
#    of its non-missing fields parse as numbers; text columns become factors whose
#    levels are sorted in C-locale (ordinal) order;
#  * otherwise numeric;
#  * an empty field or NA is missing.
read_dataset <- function(name) {
  path <- file.path(DATA_DIR, paste0(name, ".csv"))
  raw <- read.csv(path, quote = "", colClasses = "character", na.strings = character(0),
                  check.names = FALSE, strip.white = FALSE)
  val <- read.csv(path, colClasses = "character", na.strings = character(0),
                  check.names = FALSE, strip.white = FALSE)
  if (!identical(dim(raw), dim(val)))
    stop("quoted fields with commas are not supported in ", path)
  names(val) <- gsub('^"|"$', "", names(raw))
  out <- list()
  for (j in seq_along(val)) {
    r <- raw[[j]]
    v <- val[[j]]
    quoted <- grepl('^".*"$', r)
    missing <- (!quoted) & (r == "" | r == "NA")
    v[missing] <- NA
    num <- suppressWarnings(as.numeric(v))
    is_text <- any(quoted) || any(is.na(num) & !missing)
    if (is_text) {
      lev <- sort(unique(v[!is.na(v)]), method = "radix")
      out[[names(val)[j]]] <- factor(v, levels = lev)
    } else {
      out[[names(val)[j]]] <- num
    }
  }
  as.data.frame(out, check.names = FALSE, stringsAsFactors = FALSE)
}

# Protect a vector from auto_unbox (always written as a JSON array).
arr <- function(x) I(unname(as.vector(x)))

# Matrix as an array of rows.
rows_of <- function(m) {
  m <- as.matrix(m)
  lapply(seq_len(nrow(m)), function(i) arr(m[i, ]))
}

# Data frame as an array of objects (one per row); NA -> null.
df_rows <- function(d) {
  d <- as.data.frame(d, stringsAsFactors = FALSE)
  lapply(seq_len(nrow(d)), function(i) {
    r <- lapply(d, function(col) {
      x <- col[i]
      if (is.factor(x)) x <- as.character(x)
      x
    })
    names(r) <- names(d)
    r
  })
}

# Evaluate expr; collect warnings and messages (muffled) as text.
capture_fit <- function(expr) {
  warns <- character(0)
  msgs <- character(0)
  val <- withCallingHandlers(expr,
    warning = function(w) { warns <<- c(warns, conditionMessage(w)); invokeRestart("muffleWarning") },
    message = function(m) { msgs <<- c(msgs, sub("\n$", "", conditionMessage(m))); invokeRestart("muffleMessage") })
  list(value = val, warnings = warns, messages = msgs)
}

with_contrasts <- function(contrasts, expr) {
  old <- options(contrasts = switch(contrasts,
    treatment = c("contr.treatment", "contr.poly"),
    sum = c("contr.sum", "contr.poly"),
    helmert = c("contr.helmert", "contr.poly")))
  on.exit(options(old))
  force(expr)
}

# Optimizer warnings and convergence messages stored in the fit.
optinfo_warnings <- function(m) {
  oi <- m@optinfo
  w <- c(unlist(oi$warnings), unlist(oi$conv$lme4$messages))
  arr(as.character(w))
}

random_rows <- function(m) {
  vc <- as.data.frame(VarCorr(m), order = "lower.tri")
  lapply(seq_len(nrow(vc)), function(i) list(
    group = vc$grp[i],
    var1 = if (is.na(vc$var1[i])) NULL else vc$var1[i],
    var2 = if (is.na(vc$var2[i])) NULL else vc$var2[i],
    vcov = vc$vcov[i], sdcor = vc$sdcor[i]))
}

# Conditional SDs (sqrt of the postVar diagonal) as a levels x columns matrix.
# postVar is one k x k x nlevels array, or (several terms on one grouping factor,
# e.g. (x || g)) a list of such arrays whose columns are concatenated in order.
cond_sd <- function(re) {
  pv <- attr(re, "postVar")
  if (is.null(pv)) pv <- attr(re, "condVar")
  if (!is.list(pv)) pv <- list(pv)
  do.call(cbind, lapply(pv, function(a) {
    k <- dim(a)[1]
    n <- dim(a)[3]
    matrix(vapply(seq_len(n), function(i) sqrt(diag(matrix(a[, , i], k, k))), numeric(k)),
           nrow = n, ncol = k, byrow = TRUE)
  }))
}

ranef_list <- function(m) {
  re <- ranef(m, condVar = TRUE)
  lapply(names(re), function(g) {
    d <- re[[g]]
    sd <- cond_sd(d)
    stopifnot(nrow(sd) == nrow(d), ncol(sd) == ncol(d))
    list(group = g, columns = arr(colnames(d)), levels = arr(rownames(d)),
         values = rows_of(as.matrix(d)), condsd = rows_of(sd))
  })
}

coef_first_group <- function(m) {
  cf <- coef(m)
  g <- names(cf)[1]
  d <- cf[[1]]
  list(group = g, columns = arr(colnames(d)), levels = arr(rownames(d)),
       values = rows_of(as.matrix(d)))
}

fixed_table <- function(m) {
  ct <- summary(m)$coefficients
  lapply(seq_len(nrow(ct)), function(i)
    list(term = rownames(ct)[i], estimate = ct[i, 1], se = ct[i, 2], statistic = ct[i, 3]))
}

first_n <- function(x, n) {
  x <- unname(as.vector(x))
  if (length(x) > 1000) x <- x[seq_len(n)]
  arr(x)
}
