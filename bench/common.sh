# Shared set-up of the bench scripts (sourced): PostgreSQL running, the xoal role, helpers, a
# fresh database named $1 and the service's datasource environment pointing at it.
pg_ctlcluster 15 main status >/dev/null 2>&1 || pg_ctlcluster --skip-systemctl-redirect 15 main start
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
su_psql() { (cd / && runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt "$@"); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
su_psql <<'SQL'
SELECT 'CREATE ROLE xoal LOGIN CREATEDB PASSWORD ''xoal''' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'xoal')\gexec
SQL
su_psql -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)"
su_psql -c "CREATE DATABASE $1 OWNER xoal"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
ADM=adm_benchadminkey0000000000000000000
ING=ing_benchingestkey000000000000000000
export QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$1
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$1
export QUARKUS_DATASOURCE_USERNAME=xoal QUARKUS_DATASOURCE_PASSWORD=xoal
export XOAL_BOOTSTRAP_ADMIN_KEY=$ADM XOAL_BOOTSTRAP_INGEST_KEY=$ING QUARKUS_HTTP_PORT=$PORT
BASE=http://127.0.0.1:$PORT
