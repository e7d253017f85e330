# Column names of R's model.matrix for generated fixed-effects formulas over a small data set
# (numeric x, z; factors f with levels A, B, C and g with levels a, b), written to modelmatrix.json.
# Exercises the coding rules: which factor of a term gets contrasts and which gets indicator columns,
# with and without an intercept, for + : * / %in% - ^ and parentheses.

set.seed(20260412)
n <- 24
mm_data <- data.frame(
  y = round(rnorm(n, 10, 2), 4),
  x = round(runif(n, 1, 9), 4),
  z = round(runif(n, 1, 9), 4),
  f = factor(rep(c("A", "B", "C"), length.out = n), levels = c("A", "B", "C")),
  g = factor(rep(c("a", "a", "b", "b"), length.out = n), levels = c("a", "b")),
  stringsAsFactors = FALSE)

atoms <- c("x", "z", "f", "g", "x", "f", "g", "I(x^2)", "log(z)", "I(x > 5)")
binary_ops <- c("+", "+", "+", ":", ":", "*", "*", "/", "%in%", "-")

random_expression <- function(depth) {
  if (depth == 0 || runif(1) < 0.3) return(sample(atoms, 1))
  op <- sample(c(binary_ops, "^", "()"), 1)
  if (op == "^") return(sprintf("(%s)^%d", random_expression(depth - 1), sample(2:3, 1)))
  if (op == "()") return(sprintf("(%s)", random_expression(depth - 1)))
  sprintf("%s %s %s", random_expression(depth - 1), op, random_expression(depth - 1))
}

intercepts <- c("", "", "", "0 + ", "-1 + ", "1 + ")
fixed <- c(
  "x:z + f:z", "0 + x + x:f", "0 + x:f", "f:g", "0 + f:g", "x + f:g", "0 + x + f:g", "f + f:g",
  "g + f:g", "0 + g:x + f", "x:f + z:f", "0 + x:z + f:z", "f * g", "0 + f * g", "f / g", "f %in% g",
  "(f + g + x)^2", "0 + (f + g + x)^3", "x:f:g", "0 + x:f:g", "z + x:f:g", "f:g + x:f:g", "g:x + f:x:z",
  "0 + x + z + f:g", "f - 1", "f + g - 1", "x + f - f", "(f + g)^2 - f:g", "x * f - x", "0 + I(x > 5)",
  "x > 5", "f + !(x > 5)", "0 + (x > 5) * f", "x > 3 & z < 6", "f:(x >= 5)")
generated <- character(0)
while (length(generated) < 400) {
  candidate <- paste0(sample(intercepts, 1), random_expression(sample(1:4, 1)))
  generated <- unique(c(generated, candidate))
}

cases <- list()
for (rhs in unique(c(fixed, generated))) {
  formula <- paste("y ~", rhs)
  names <- tryCatch(colnames(model.matrix(as.formula(formula), mm_data)), error = function(e) NULL)
  if (is.null(names) || length(names) == 0) next
  cases[[length(cases) + 1]] <- list(formula = formula, columns = arr(names))
}
cat(sprintf("%d formulas\n", length(cases)))

data_rows <- lapply(seq_len(n), function(i) list(
  y = mm_data$y[i], x = mm_data$x[i], z = mm_data$z[i],
  f = as.character(mm_data$f[i]), g = as.character(mm_data$g[i])))
write_reference(list(data = data_rows, cases = cases), "modelmatrix.json")
