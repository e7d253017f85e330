# Sourced by the benchmark scripts (from the repository root): sets $mixed, the executable to time, and $mixed_build,
# the line that says which build it is.
#   source bench/build-mixed.sh <output folder>
# MIXED=path/to/mixed times that executable. Otherwise the build a user installs (README: dotnet pack, then dotnet tool
# install): the Native AOT executable for this platform, compiled as the tool package compiles it. Where Native AOT
# cannot build here (no clang or gcc, a platform without Native AOT), the ReadyToRun build, else the plain JIT build.
mixed_out="${1:-bench/results}"
mixed="${MIXED:-}"
if [ -n "$mixed" ]; then
  # a framework-dependent build starts through the .NET host (libhostfxr); the Native AOT executable has no host
  if grep -qa libhostfxr "$(readlink -f "$mixed")"; then mixed_build="given: $mixed (framework-dependent: JIT or ReadyToRun)"
  else mixed_build="given: $mixed (Native AOT)"; fi
else
  rid=$(dotnet --info 2>/dev/null | awk '$1 == "RID:" {print $2; exit}')
  [ -n "$rid" ] || { rid="linux-x64"; [ "$(uname -m)" = "aarch64" ] && rid="linux-arm64"; }
  if dotnet publish src/MixedEffects.Cli -c Release -r "$rid" -p:PublishAot=true -o "$mixed_out/mixed-native" >/dev/null 2>&1; then
    mixed="$mixed_out/mixed-native/mixed"
    mixed_build="Native AOT ($rid), the executable dotnet tool install installs: $mixed"
  elif dotnet publish src/MixedEffects.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$mixed_out/mixed" >/dev/null 2>&1; then
    mixed="$mixed_out/mixed/mixed"
    mixed_build="ReadyToRun ($rid; Native AOT did not build here): $mixed"
  else
    dotnet publish src/MixedEffects.Cli -c Release -o "$mixed_out/mixed" >/dev/null
    mixed="$mixed_out/mixed/mixed"
    mixed_build="JIT (neither Native AOT nor ReadyToRun built here): $mixed"
  fi
fi
echo "timing $mixed_build" >&2
