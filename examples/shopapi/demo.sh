#!/usr/bin/env bash
# demo.sh walks a shopper through a running shopapi server with curl, and
# checks what comes back. Start the server with its clock pinned (the story
# moves the clock through December 2014 and January 2015), then:
#
#   go run ./examples/shopapi -addr localhost:8080 -now 2014-12-10T09:00:00+08:00 &
#   examples/shopapi/demo.sh http://localhost:8080
#
# It exits non-zero at the first unexpected status or field. Each run opens
# a new line, so it can run again against the same server. Needs bash, curl
# and grep.
set -euo pipefail

base=${1:?usage: demo.sh BASE_URL, such as http://localhost:8080}
base=${base%/}
line="wang-$(date +%s)-$$"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
body="$dir/body"
checks=0

# call STATUS METHOD PATH [KEY [JSON]] sends a request (with an
# Idempotency-Key header when KEY is not empty), prints it and the start of
# its response, and fails unless the status is STATUS.
call() {
  local want=$1 method=$2 path=$3 key=${4:-} data=${5:-}
  local args=(-sS -o "$body" -w '%{http_code}' -X "$method" -H 'Content-Type: application/json')
  if [ -n "$key" ]; then args+=(-H "Idempotency-Key: $key"); fi
  if [ -n "$data" ]; then args+=(--data-binary "$data"); fi
  local got
  got=$(curl "${args[@]}" "$base$path")
  echo
  echo "$method $path${key:+  [Idempotency-Key: $key]}${data:+  $data}"
  echo "-> $got $(head -c 400 "$body")"
  if [ "$got" != "$want" ]; then
    echo "FAIL: status $got, want $want" >&2
    exit 1
  fi
  checks=$((checks + 1))
}

# has TEXT... fails unless the last response contains every TEXT.
has() {
  for text in "$@"; do
    if ! grep -qF -- "$text" "$body"; then
      echo "FAIL: the response has no $text" >&2
      exit 1
    fi
    checks=$((checks + 1))
  done
}

# same FILE fails unless the last response is byte for byte FILE.
same() {
  if ! cmp -s "$1" "$body"; then
    echo "FAIL: the retry's response differs from the first" >&2
    exit 1
  fi
  checks=$((checks + 1))
}

# cny AMOUNT is an amount in the library's JSON.
cny() { printf '{"amount":"%s","currency":"CNY"}' "$1"; }

# at INSTANT moves the server's clock.
at() { call 200 PUT /clock "" "{\"now\":\"$1\"}"; }

tmall='"merchant":{"id":"tmall-uniqlo","enrolled":true,"category":"apparel"}'

echo "== the server's clock must be pinned (-now)"
call 200 GET /clock
if ! grep -qF '"pinned":true' "$body"; then
  echo "FAIL: the server runs on the system clock; start it with -now 2014-12-10T09:00:00+08:00" >&2
  exit 1
fi
at 2014-12-10T09:00:00+08:00

echo
echo "== 10 December: Wang opens a Huabei line of RMB 30,000 and buys a coat of RMB 2,000"
call 201 POST /lines open "{\"line\":\"$line\",\"holder\":\"Wang\",\"product\":\"huabei-2014\",\"limit\":$(cny 30000.00)}"
has "\"limit\":$(cny 30000.00)" '"status":"active"'
coat="{\"purchase\":\"order-1\",\"amount\":$(cny 2000.00),$tmall}"
call 201 POST "/lines/$line/purchases" checkout-1 "$coat"
has '"approved":true' "\"available_after\":$(cny 28000.00)" '"state":"captured"'
cp "$body" "$dir/checkout-1"
echo "(the client lost the answer and sends the same request again)"
call 201 POST "/lines/$line/purchases" checkout-1 "$coat"
same "$dir/checkout-1"

echo
echo "== gloves of RMB 800: below Huabei's minimum purchase at launch, declined"
call 402 POST "/lines/$line/purchases" checkout-2 "{\"purchase\":\"order-2\",\"amount\":$(cny 800.00),$tmall}"
has '"approved":false' '"code":"below_minimum_purchase"' "\"limit\":$(cny 1000.00)"

echo
echo "== 15 December: she confirms receipt; the coat posts"
at 2014-12-15T10:00:00+08:00
call 200 POST "/lines/$line/purchases/order-1/delivery" delivered-1
has '"state":"posted"' '"posted_on":"2014-12-15"'

echo
echo "== 1 January: the statement, due on the 10th, minimum 10%"
at 2015-01-01T00:00:00+08:00
call 200 GET "/lines/$line/statements/latest"
has '"date":"2015-01-01"' '"due":"2015-01-10"' "\"balance\":$(cny 2000.00)" "\"minimum\":$(cny 200.00)"

echo
echo "== 5 January: she pays RMB 500 and asks what paying off the rest takes"
at 2015-01-05T10:00:00+08:00
call 200 POST "/lines/$line/payments" pay-1 "{\"amount\":$(cny 500.00)}"
has "\"billed\":$(cny 1500.00)" "\"available\":$(cny 28500.00)"
call 200 GET "/lines/$line/payoff"
has "\"total\":$(cny 1500.00)"

echo
echo "== the shop refunds RMB 300 of the coat"
call 200 POST "/lines/$line/purchases/order-1/refunds" refund-1 "{\"amount\":$(cny 300.00)}"
has "\"refunded\":$(cny 300.00)"
call 200 GET "/lines/$line/balances"
has "\"billed\":$(cny 1200.00)" "\"available\":$(cny 28800.00)"

echo
echo "== 20 January, past the due date: RMB 1,200 x 0.05% a day x 10 days (11 to 20 January) = RMB 6.00 of interest"
at 2015-01-20T12:00:00+08:00
call 200 GET "/lines/$line/payoff"
has "\"interest\":$(cny 6.00)" "\"total\":$(cny 1206.00)"

echo
echo "== mistakes"
call 400 POST "/lines/$line/payments" "" "{\"amount\":$(cny 500.00)}"
has '"code":"missing_idempotency_key"'
call 409 POST "/lines/$line/payments" pay-1 "{\"amount\":$(cny 600.00)}"
has '"code":"idempotency_key_reused"'
call 400 POST "/lines/$line/payments" pay-2 '{"amount":500}'
has '"code":"bad_json"'
call 422 POST "/lines/$line/payments" pay-2 "{\"amount\":$(cny 0.00)}"
has '"code":"bad_amount"' '"field":"amount"'
call 404 GET "/lines/$line-nobody/balances"
has '"code":"unknown_line"'

echo
echo "demo: $checks checks passed on line $line"
