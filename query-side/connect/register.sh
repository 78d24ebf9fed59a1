#!/usr/bin/env bash
# Registers (or updates) the read models' change capture with a Kafka Connect cluster that has the
# Debezium PostgreSQL connector installed. Same connector settings, topics and JSON as the capture the
# query side embeds (ReadModelCaptureConfigTest keeps the two alike), so consumers cannot tell them apart.
#
# The worker resolves ${env:...} from its own environment: give it config.providers=env and
# config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider, and the
# STOREFRONT_QUERY_DB_* variables. The query side then runs with storefront.capture.enabled=false.
#
# Usage: CONNECT_URL=http://connect:8083 query-side/connect/register.sh
set -euo pipefail
cd "$(dirname "$0")"
: "${CONNECT_URL:=http://localhost:8083}"
curl -fsS -X PUT -H 'Content-Type: application/json' --data @read-models.json \
  "$CONNECT_URL/connectors/storefront_read_models/config"
echo
curl -fsS "$CONNECT_URL/connectors/storefront_read_models/status"
echo
