#!/usr/bin/env bash
# Points the application at PostgreSQL and deploys it on a running Payara Server domain:
#   EXECUTIONS_DB_URL=jdbc:postgresql://db.example:5432/executions EXECUTIONS_DB_USER=executions \
#       server-config/payara/use-postgresql.sh target/workflow-persistence.war
# The password is not stored in domain.xml: give the server process the environment variable
# EXECUTIONS_DB_PASSWORD (for example in the service unit that starts the domain).
# The PostgreSQL driver travels in the WAR; nothing else is installed on the server.
set -euo pipefail
war=${1:?usage: use-postgresql.sh path/to/workflow-persistence.war}
asadmin=${ASADMIN:-asadmin}
: "${EXECUTIONS_DB_URL:?set EXECUTIONS_DB_URL to a jdbc:postgresql:// URL}"
: "${EXECUTIONS_DB_USER:?set EXECUTIONS_DB_USER}"

# asadmin separates JVM options at ':' unless escaped.
escape() { printf '%s' "$1" | sed 's/:/\\:/g'; }

for option in "-Dexecutions.db.url=" "-Dexecutions.db.user="; do
  existing=$("$asadmin" list-jvm-options | grep -- "^$option" || true)
  if [ -n "$existing" ]; then
    "$asadmin" delete-jvm-options "$(escape "$existing")"
  fi
done
"$asadmin" create-jvm-options "-Dexecutions.db.url=$(escape "$EXECUTIONS_DB_URL")"
"$asadmin" create-jvm-options "-Dexecutions.db.user=$(escape "$EXECUTIONS_DB_USER")"
# The options apply from the next start: undeploy first, so that the restart loads nothing of
# ours and the deployment after it is the only start of the application (deploying while the
# restarted domain is still loading the application makes Payara load it twice, and fail).
if "$asadmin" list-applications --type web | grep -q '^workflow-persistence '; then
  "$asadmin" undeploy workflow-persistence
fi
"$asadmin" restart-domain
"$asadmin" deploy --name workflow-persistence --contextroot / "$war"
