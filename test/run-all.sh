#!/usr/bin/env bash
# The whole test run (`npm test`): build, type-check, lint, contract tests, package, the benchmark at CI size,
# integration tests in a real VS Code (minimum 1.100.3 and latest 1.139.1) and the end-to-end smoke test on both.
# Downloads nothing: code-server, Node 24 and Chromium must already be installed (.ci/run does that:
# .ci/install-system.sh and `bash test/vscode/install-all.sh`).
# Every stage runs even when an earlier one failed, except stages whose prerequisite failed (counted as failed).
# Ends with a line "N passed, N failed"; the exit code is non-zero when anything failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VERSIONS=(1.100.3 1.139.1)
passed=0
failed=0
declare -A result=()
report=()

fmt_secs() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# stage NAME [needs=STAGE,STAGE] -- COMMAND...
stage() {
  local name="$1"; shift
  local needs=""
  if [[ "$1" == needs=* ]]; then needs="${1#needs=}"; shift; fi
  [[ "$1" == "--" ]] && shift
  local dep
  for dep in ${needs//,/ }; do
    if [[ "${result[$dep]:-}" != pass ]]; then
      echo -e "\n=== [$name] not run: it needs '$dep', which did not pass"
      result[$name]=fail; failed=$((failed + 1))
      report+=("FAIL  $name (not run: needs $dep)")
      return 0
    fi
  done
  echo -e "\n=== [$name] $*"
  local t0=$SECONDS rc=0
  "$@" || rc=$?
  local took; took=$(fmt_secs $((SECONDS - t0)))
  if [[ $rc -eq 0 ]]; then
    result[$name]=pass; passed=$((passed + 1))
    report+=("PASS  $name ($took)")
    echo "=== [$name] passed in $took"
  else
    result[$name]=fail; failed=$((failed + 1))
    report+=("FAIL  $name ($took, exit code $rc)")
    echo "=== [$name] FAILED in $took (exit code $rc)"
  fi
}

skip() {
  local name="$1" why="$2"
  result[$name]=skip
  report+=("SKIP  $name ($why)")
  echo -e "\n=== [$name] skipped: $why"
}

t_start=$SECONDS

stage build -- npm run build
stage tsc -- npx tsc -p .
stage lint -- npm run lint
if [[ -f test/.mocharc.json ]]; then
  stage contract needs=tsc -- npx mocha --config test/.mocharc.json
else
  skip contract "test/.mocharc.json does not exist yet"
fi
# `npm run package`, failing on any vsce WARNING or a file in the .vsix the extension does not need (test/package/check.mjs).
stage package -- node test/package/check.mjs
# The benchmark at CI size, so that it cannot rot: fails on crashes and wrong logic figures, never on timings.
stage bench needs=build,tsc,package -- node --expose-gc out/test/bench/run.js --small
for v in "${VERSIONS[@]}"; do
  stage "integration-$v" needs=build,tsc -- node test/vscode/run-integration.mjs "$v"
done
for v in "${VERSIONS[@]}"; do
  stage "e2e-smoke-$v" needs=package -- node test/e2e/smoke.mjs "$v"
done
for v in "${VERSIONS[@]}"; do
  stage "e2e-explorer-$v" needs=package,tsc -- node test/e2e/explorer.mjs "$v"
done
# A backup list that changes between two pages: each backup once, a row saying so (test/e2e/drift.mjs).
for v in "${VERSIONS[@]}"; do
  stage "e2e-drift-$v" needs=package,tsc -- node test/e2e/drift.mjs "$v"
done
# The newer backup families: MongoDB cluster backups, serverless and standalone instances, AnalyticDB 5.0 time
# windows, DBS incremental backups (test/e2e/families.mjs).
for v in "${VERSIONS[@]}"; do stage "e2e-families-$v" needs=package,tsc -- node test/e2e/families.mjs "$v"; done
# ApsaraDB RDS, PolarDB and Tair / Redis (test/e2e/products.mjs).
for v in "${VERSIONS[@]}"; do stage "e2e-products-$v" needs=package,tsc -- node test/e2e/products.mjs "$v"; done
# Find by ID…: a backup deep in a long list and a resource revealed in the tree (test/e2e/find.mjs).
for v in "${VERSIONS[@]}"; do stage "e2e-find-$v" needs=package,tsc -- node test/e2e/find.mjs "$v"; done
# The backup timeline in a resource's details (test/e2e/timeline.mjs).
for v in "${VERSIONS[@]}"; do stage "e2e-timeline-$v" needs=package,tsc -- node test/e2e/timeline.mjs "$v"; done
# Export… to CSV and JSON: hostile text neutralised, download URLs only when ticked, cancel (test/e2e/export.mjs).
for v in "${VERSIONS[@]}"; do stage "e2e-export-$v" needs=package,tsc -- node test/e2e/export.mjs "$v"; done
# Show Backup Health: the scan, filter, sort, the view's badge, a row opening its resource (test/e2e/health.mjs).
for v in "${VERSIONS[@]}"; do stage "e2e-health-$v" needs=package,tsc -- node test/e2e/health.mjs "$v"; done
# Download Backup… with the connection dropped mid-file and resumed (test/e2e/download.mjs).
for v in "${VERSIONS[@]}"; do stage "e2e-download-$v" needs=package,tsc -- node test/e2e/download.mjs "$v"; done
# The UI in Simplified Chinese: sign-in, browse, details and health with no English of ours left (test/e2e/zh.mjs).
for v in "${VERSIONS[@]}"; do stage "e2e-zh-$v" needs=package,tsc -- node test/e2e/zh.mjs "$v"; done
# Browse and download through a real HTTP proxy on loopback; a stopped proxy gives a row naming it (test/e2e/proxy.mjs).
for v in "${VERSIONS[@]}"; do stage "e2e-proxy-$v" needs=package,tsc -- node test/e2e/proxy.mjs "$v"; done
# Switch Profile…: two aliyun CLI profiles of two accounts, late answers dropped, an expired one, a reload (test/e2e/profiles.mjs).
for v in "${VERSIONS[@]}"; do stage "e2e-profiles-$v" needs=package,tsc -- node test/e2e/profiles.mjs "$v"; done

# Reliability and security in the real workbench (faults, hostile data, secrets, bad input), then the figures
# for CONTRIBUTING.md's "Reliability and security" section (test-results/reliability-section.md).
for v in "${VERSIONS[@]}"; do
  stage "e2e-security-$v" needs=package,tsc -- node test/e2e/security.mjs "$v"
  stage "e2e-faults-$v" needs=package,tsc -- node test/e2e/faults.mjs "$v"
  stage "e2e-workspace-$v" needs=package,tsc -- node test/e2e/workspace.mjs "$v"
done
stage reliability-report -- node test/reliability/report.mjs --check --out test-results/reliability-section.md

echo -e "\n=== summary ($(fmt_secs $((SECONDS - t_start))) in all)"
printf '  %s\n' "${report[@]}"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
