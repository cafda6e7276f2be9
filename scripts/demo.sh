#!/usr/bin/env bash
# `make demo`: load the shipped data into a store, print what frontcheck finds in it, and write
# the charts to out/. Safe to re-run: every load is idempotent, every chart is overwritten.
#
# Environment (set by the Makefile): DEMO_DB, the store (e.g. out/demo.sqlite); SHARED, the
# shared/data folder; PATH with the venv's bin first. NO_SERVE, when set, means "do not start
# a server" to any step that would.
set -euo pipefail

: "${DEMO_DB:?set DEMO_DB to the store to use, e.g. out/demo.sqlite}"
: "${SHARED:?set SHARED to the shared/data folder}"
db=(--db "$DEMO_DB")
out=out
mkdir -p "$out"

step() { printf '\n== %s\n\n' "$*"; }

# With the project's shared data nothing below touches the network (FRONTCHECK_OFFLINE makes
# any fetch fail loudly). Without it (a clone elsewhere) the public part of it is fetched
# first into $FETCHED (default out/data): see "Fetching data" in the README for the sizes.
if [ -d "$SHARED" ]; then
    export FRONTCHECK_OFFLINE=1
else
    fetched="${FETCHED:-$out/data}"
    step "No $SHARED here: fetching the public data into $fetched"
    frontcheck data fetch --into "$fetched"
    SHARED="$fetched"
fi

step "Gazetteer: settlements of Ukraine and its neighbours"
frontcheck place load "$SHARED/gazetteer/gazetteer.csv" "${db[@]}"

step "DeepStateMAP daily snapshots: areas, daily changes, settlement timelines"
frontcheck control ingest "$SHARED/deepstate-occupied/daily" "${db[@]}"

step "Occupied area per month (km²)"
frontcheck control area --period month --layer occupied "${db[@]}"

# Contested towns, each with its oblast so that a village of the same name cannot answer.
for town in "Pokrovsk:Donetsk" "Vuhledar:Donetsk" "Toretsk:Donetsk" "Chasiv Yar:Donetsk" \
            "Kupiansk:Kharkiv"; do
    step "Control timeline: ${town%%:*}"
    frontcheck control timeline "${town%%:*}" --oblast "${town##*:}" "${db[@]}"
done

step "Pokrovsk on 2025-12-01"
frontcheck control status Pokrovsk --oblast Donetsk --on 2025-12-01 "${db[@]}"

step "Charts"
frontcheck chart area --output "$out/area.png" --overwrite "${db[@]}"
# Towns to mark on the map; only those inside the zoomed view are drawn.
labels=()
for town in Pokrovsk Myrnohrad Kostiantynivka Kramatorsk Sloviansk Siversk Lyman Kupiansk \
            Huliaipole Zaporizhzhia Kharkiv Toretsk "Chasiv Yar" Vuhledar Dobropillia Izium; do
    labels+=(--label "$town")
done
frontcheck chart gains --output "$out/gains_last_month.png" --overwrite "${labels[@]}" "${db[@]}"

look_at=("$out/area.png" "$out/gains_last_month.png")

# ==== Later issues: add demo steps below this line ==========================================
# Use "${db[@]}" on every command, write files under "$out/", append each one worth opening
# to look_at, and start no server when NO_SERVE is set ("${NO_SERVE:-}").

step "Sources: a sample in every supported format (hand-written, see samples/README.md)"
frontcheck sources ingest samples/telegram/result.json "${db[@]}"
frontcheck sources ingest samples/transcripts/interview_kpa_pow_en.md "${db[@]}"
frontcheck sources ingest samples/statements/briefing_gur_uk.md "${db[@]}"
frontcheck sources ingest samples/articles/kpa_troops_kursk_en.html "${db[@]}"
frontcheck sources ingest samples/statements/statements.csv "${db[@]}"
frontcheck sources ingest samples/datasets/acled_events.csv "${db[@]}"
frontcheck sources ingest samples/tracker/deepstate_history_public.json "${db[@]}"
# two later interviews of the sample interview's fictional prisoner, for `frontcheck witness`
frontcheck sources ingest tests/data/witness "${db[@]}"
frontcheck sources list "${db[@]}"

step "Claims extracted from the sources (territorial, participation, quantity, attribute)"
frontcheck claims extract --all --quiet "${db[@]}"

step "Verification: the real dev claims against the map history"
# The dev claims are the project's own (not public): present with shared data only.
if [ -f "$SHARED/claims-dev/claims.csv" ]; then
    frontcheck claims import "$SHARED/claims-dev/claims.csv" "${db[@]}"
fi
frontcheck verify --all "${db[@]}"
frontcheck verify --all --format json "${db[@]}" > "$out/verdicts.json"
look_at+=("$out/verdicts.json")

step "Track record of each claimant and publisher"
frontcheck sources track-record "${db[@]}"

step "Contradictions across sources, and one witness's consistency over three interviews"
frontcheck contradictions "${db[@]}"
frontcheck witness POW-1 "${db[@]}"
frontcheck corroboration --format json "${db[@]}" > "$out/corroboration.json"
look_at+=("$out/corroboration.json")

if [ -z "${NO_SERVE:-}" ]; then
    step "Workbench: map with time slider, claims, sources (Ctrl+C stops it)"
    printf 'Open http://127.0.0.1:8765/ in a browser.\n'
    frontcheck serve "${db[@]}"
fi

# ==== End of later steps ====================================================================

step "Done in ${SECONDS} s. Look at:"
for file in "${look_at[@]}"; do
    printf '  %s\n' "$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
done
