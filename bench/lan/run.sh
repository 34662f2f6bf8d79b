#!/usr/bin/env bash
# Benchmark: `vigie discover` against `nmap -n -sT -p <same ports>` (nmap's default host discovery, i.e. ARP
# on a local Ethernet segment) on the same lab /24 of 20 hosts in network namespaces, in one run.
# Needs root, iproute2, socat, snmpd, nmap, python3, JDK 17. Sends packets only inside the lab (10.250.0.0/24).
#
#   bench/lan/run.sh [ROUNDS]        (from the repository root; default 5 rounds, medians reported)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5}
prefix=vgb$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
lab=agent/src/test/lab/lab.sh
work=$(mktemp -d)
trap 'bash $lab down $prefix; rm -rf "$work"' EXIT

./mvnw -B -q -o -pl agent -am compile
./mvnw -B -q -o -pl agent dependency:build-classpath -Dmdep.outputFile="$work/cp" -DincludeScope=runtime >/dev/null
# jars, not class folders: an AppCDS archive only takes jars
jar cf "$work/vigie-agent.jar" -C agent/target/classes .
jar cf "$work/vigie-checks.jar" -C checks/target/classes .
cp="$work/vigie-agent.jar:$work/vigie-checks.jar:$(tr ':' '\n' < "$work/cp" | grep -v '/io/vigie/' | paste -sd:)"
ports=$(python3 -c 'import json;print(",".join(str(p["port"]) for p in json.load(open("agent/src/main/resources/io/vigie/agent/discover/ports.json"))["tcp"]))')

# 20 hosts, 10.250.0.11-30, each with a few of the probed services (banners where the protocol has one).
{
  echo "scanner 10.250.0.2"
  for i in $(seq 11 30); do echo "host h$i 10.250.0.$i"; done
  for i in $(seq 11 30); do
    case $((i % 5)) in
      0) echo "tcp h$i 22 SSH-2.0-OpenSSH_9.2p1 Debian-2\\r\\n"; echo "tcp h$i 445" ;;
      1) echo "tcp h$i 3389"; echo "tcp h$i 445"; echo "tcp h$i 139" ;;
      2) echo "tcp h$i 9100"; echo "tcp h$i 631"; echo "tcp h$i 80" ;;
      3) echo "tcp h$i 23 \\377\\375\\030Welcome\\r\\nlogin:"; echo "tcp h$i 21 220 FTP ready\\r\\n" ;;
      4) echo "tcp h$i 5900 RFB 003.008\\n"; echo "tcp h$i 3306"; echo "tcp h$i 443" ;;
    esac
  done
  echo "snmp h12 v2c public HP LaserJet Pro M404dn"
  echo "snmp h17 v2c public Linux router"
} > "$work/spec"
bash $lab up "$prefix" "$work/spec"
ns=$prefix-sc
java_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)

# vigie: plain JVM start; vigiecds: with an AppCDS archive made by the warm-up run (as an installed agent
# would have, see stack.md "Agent start-up and size").
vigie() { ip netns exec "$ns" java "${java_opts[@]}" -cp "$cp" io.vigie.agent.discover.DiscoverMain \
            --interface eth0 --json -o "$work/vigie.json" > /dev/null; }
vigiecds() { ip netns exec "$ns" java "${java_opts[@]}" -XX:SharedArchiveFile="$work/vigie.jsa" -cp "$cp" \
            io.vigie.agent.discover.DiscoverMain --interface eth0 --json -o "$work/vigie-cds.json" > /dev/null; }
nmapscan() { ip netns exec "$ns" nmap -n -sT -p "$ports" -oG "$work/nmap.gnmap" 10.250.0.0/24 > /dev/null; }

# warm-up (page cache, CDS archive), not counted
ip netns exec "$ns" java "${java_opts[@]}" -XX:ArchiveClassesAtExit="$work/vigie.jsa" -cp "$cp" \
  io.vigie.agent.discover.DiscoverMain --interface eth0 --json > /dev/null 2>&1
vigie; nmapscan
: > "$work/times"
for r in $(seq 1 "$rounds"); do
  /usr/bin/time -f "vigie %e %M" -a -o "$work/times" bash -c "$(declare -f vigie); $(declare -p cp work ns java_opts); vigie"
  /usr/bin/time -f "vigie-cds %e %M" -a -o "$work/times" bash -c "$(declare -f vigiecds); $(declare -p cp work ns java_opts); vigiecds"
  /usr/bin/time -f "nmap %e %M" -a -o "$work/times" bash -c "$(declare -f nmapscan); $(declare -p ports work ns); nmapscan"
done

python3 - "$work" "$rounds" <<'PY'
import json, re, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
t = {"vigie": [], "vigie-cds": [], "nmap": []}; rss = {k: [] for k in t}
for line in open(f"{work}/times"):
    k, wall, mem = line.split()
    t[k].append(float(wall)); rss[k].append(int(mem))
v = json.load(open(f"{work}/vigie.json"))
vig = {(d["address"], s["port"]) for d in v["devices"] for s in d["services"] if s["protocol"] == "tcp"}
vig_hosts = {d["address"] for d in v["devices"]}
nm, nm_hosts = set(), set()
for line in open(f"{work}/nmap.gnmap"):
    m = re.match(r"Host: (\S+) .*Ports: (.*)", line)
    h = re.match(r"Host: (\S+) .*Status: Up", line)
    if h and h.group(1) != "10.250.0.2": nm_hosts.add(h.group(1))
    if m and m.group(1) != "10.250.0.2":
        for p in m.group(2).split(","):
            f = p.strip().split("/")
            if f[1] == "open": nm.add((m.group(1), int(f[0])))
mv, mc, mn = statistics.median(t["vigie"]), statistics.median(t["vigie-cds"]), statistics.median(t["nmap"])
vc = json.load(open(f"{work}/vigie-cds.json"))
vig_cds = {(d["address"], s["port"]) for d in vc["devices"] for s in d["services"] if s["protocol"] == "tcp"}
print(f"rounds: {rounds}")
print(f"vigie discover: median {mv:.2f} s (min {min(t['vigie']):.2f}, max {max(t['vigie']):.2f}), max RSS {max(rss['vigie'])//1024} MB, method {v['method']}")
print(f"vigie + AppCDS: median {mc:.2f} s (min {min(t['vigie-cds']):.2f}, max {max(t['vigie-cds']):.2f}), max RSS {max(rss['vigie-cds'])//1024} MB")
print(f"nmap -n -sT:    median {mn:.2f} s (min {min(t['nmap']):.2f}, max {max(t['nmap']):.2f}), max RSS {max(rss['nmap'])//1024} MB")
print(f"ratio vigie/nmap: {mv/mn:.2f}; with AppCDS: {mc/mn:.2f}")
import os
print(f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores)")
print(f"hosts: vigie {len(vig_hosts)}, nmap {len(nm_hosts)} (scanner excluded); open TCP ports: vigie {len(vig)}, nmap {len(nm)}")
same = vig == nm and vig_hosts == nm_hosts and vig_cds == nm
print("same hosts and open ports: " + ("yes" if same else f"NO: only vigie {sorted(vig-nm)}, only nmap {sorted(nm-vig)}"))
sys.exit(0 if same else 1)
PY
