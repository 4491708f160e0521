#!/usr/bin/env bash
# Writes release-1.convene with a released `convene` binary, touching every event kind
# the command line can write. Committed output is the fixture ReleaseFileTests opens:
# a file written by the release before events became one enum (commit 98066f3).
# Usage: make-release-session.sh /path/to/released/convene OUT.convene
set -euo pipefail
c="$1"; f="$2"; work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export CONVENE_USER="Sam Lead"
rm -f "$f"
"$c" new "$f" --title "Release fixture" --study "Fixture study" --date 2026-01-10 >/dev/null
"$c" recording "$f" on >/dev/null
"$c" facilitator add "$f" "Sam Lead" --role lead >/dev/null
"$c" facilitator add "$f" "Kit Safeguard" --role safeguarding >/dev/null
printf 'information sheet read\nrecording\nchatham-house-rule\n' > "$work/consent.txt"
"$c" consent "$f" --checklist "$work/consent.txt" >/dev/null
"$c" participant add "$f" --code P01 --role "Youth worker" --org-type local-authority --name "Ada Fixture" >/dev/null
"$c" participant add "$f" --code P02 --role "School nurse" --org-type health >/dev/null
"$c" participant add "$f" --code P03 --role "Police officer" --org-type police --name "Bo Fixture" >/dev/null
"$c" consent "$f" P01 --by "Sam Lead" >/dev/null
"$c" blocklist add "$f" "Cy Blocked" >/dev/null
"$c" codebook "$f" --use practice-principles >/dev/null
printf '# Opening\n- What works?\n# Barriers\n- What gets in the way?\n' > "$work/guide.md"
"$c" guide "$f" "$work/guide.md" >/dev/null
"$c" guide "$f" --go 2 >/dev/null
"$c" group add "$f" "Room A" >/dev/null
"$c" group add "$f" "Room B" >/dev/null
"$c" group assign "$f" P01 P03 "Room A" >/dev/null
"$c" round start "$f" --minutes 20 --prompt "What works well?" >/dev/null
"$c" log "$f" --source verbal --speaker P01 -- "Families find the hybrid meetings easier, said Ada." >/dev/null
"$c" log "$f" --source chat --speaker P03 --reply-to 1 -- "Agree, less travel for everyone." >/dev/null
"$c" log "$f" --source whiteboard --group "Room A" -- "Less travel" >/dev/null
"$c" log "$f" --source verbal --speaker P02 -- "Parents join from work now." >/dev/null
"$c" round end "$f" >/dev/null
"$c" group rename "$f" "Room B" "Chairs" >/dev/null
"$c" group close "$f" "Chairs" >/dev/null
"$c" edit "$f" 4 -- "Parents join from their work now." >/dev/null
"$c" tag "$f" 1 PP3 >/dev/null || "$c" tag "$f" 1 "Emergent fixture code" >/dev/null
"$c" tag "$f" 4 "Emergent fixture code" >/dev/null
"$c" untag "$f" 4 "Emergent fixture code" >/dev/null
"$c" strike "$f" 3 --reason "off the record" >/dev/null
"$c" attribution "$f" 4 background >/dev/null
"$c" theme add "$f" "Attendance improves" >/dev/null
"$c" theme link "$f" 1 1 2 4 >/dev/null
"$c" theme unlink "$f" 1 4 >/dev/null
"$c" redact "$f" 1 --span 45:48 --as PERSON >/dev/null
"$c" log "$f" --source chat --speaker P02 -- "Ring Dana Smith on 07700 900123 about it." >/dev/null
"$c" redact "$f" 5 --reject 1 --reason "fixture: not identifying" >/dev/null
printf 'Sticky,Text\nyellow,Shorter journeys\n' > "$work/board.csv"
"$c" import "$f" --miro-csv "$work/board.csv" --room "Room A" >/dev/null
"$c" remind "$f" 2 --note "Room A reminded" >/dev/null
"$c" flag "$f" --contribution 2 --participant P03 --category other --urgency same-day -- "Fixture concern" >/dev/null
"$c" concern ack "$f" 1 --by "Kit Safeguard" >/dev/null
"$c" concern action "$f" 1 --kind referred --to LADO --ref L-1 --by "Kit Safeguard" -- "Referral made" >/dev/null
"$c" export "$f" --format csv -o "$work/out.csv" >/dev/null
"$c" withdraw "$f" P03 --requested-on 2026-01-12 >/dev/null
"$c" anonymise "$f" >/dev/null
"$c" close "$f" >/dev/null
"$c" events "$f" | sed 's/.*"kind":"\([^"]*\)".*/\1/' | sort | uniq -c
