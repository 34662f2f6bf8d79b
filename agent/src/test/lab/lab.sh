#!/usr/bin/env bash
# A LAN lab in network namespaces, for Vigie's discovery tests and benchmark. Needs root, iproute2,
# socat (and snmpd for SNMP hosts). Never touches the root namespace's network.
#
#   lab.sh up PREFIX SPEC     build the lab described in SPEC (file), state in /tmp/PREFIX.lab
#   lab.sh down PREFIX        kill the lab's processes and delete its namespaces (idempotent)
#
# SPEC lines (# comments allowed):
#   scanner IP                    the namespace discovery runs in: PREFIX-sc, interface eth0
#   host NAME IP                  a host namespace PREFIX-NAME, interface eth0
#   tcp NAME PORT [BANNER...]     a TCP listener; BANNER (printf escapes) is sent on connect, then close
#   snmp NAME v2c COMMUNITY DESCR...          snmpd answering COMMUNITY; sysDescr DESCR, sysName NAME
#   snmp NAME v3 USER AUTHPASS PRIVPASS DESCR... snmpd with one SNMPv3 user (SHA/AES, authPriv)
# All addresses must be in 10.250.0.0/24.
set -euo pipefail

cmd=${1:?usage: lab.sh up|down PREFIX [SPEC]}
prefix=${2:?prefix}
[[ $prefix =~ ^[a-z][a-z0-9]{2,11}$ ]] || { echo "bad prefix '$prefix' (a-z0-9, 3-12 chars)" >&2; exit 2; }
state=/tmp/$prefix.lab
br=$prefix-br

in_lab() { # PID -> true when it lives in one of this lab's namespaces
  local ns; ns=$(ip netns identify "$1" 2>/dev/null || true)
  [[ $ns == "$prefix"-* ]]
}

down() {
  local ns pid
  if [[ -f $state/pids ]]; then
    while read -r pid; do
      if in_lab "$pid"; then kill "$pid" 2>/dev/null || true; fi
    done < "$state/pids"
  fi
  for ns in $(ip netns list | awk '{print $1}' | grep "^$prefix-" || true); do
    for pid in $(ip netns pids "$ns" 2>/dev/null || true); do kill "$pid" 2>/dev/null || true; done
  done
  sleep 0.2
  for ns in $(ip netns list | awk '{print $1}' | grep "^$prefix-" || true); do
    for pid in $(ip netns pids "$ns" 2>/dev/null || true); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  rm -rf "$state"
}

check_ip() { [[ $1 =~ ^10\.250\.0\.([0-9]{1,3})$ ]] && (( BASH_REMATCH[1] >= 1 && BASH_REMATCH[1] <= 254 )) || { echo "address $1 not in 10.250.0.0/24" >&2; exit 2; }; }

n=0
add_ns() { # NS IP
  local ns=$1 ip=$2
  check_ip "$ip"
  n=$((n + 1))
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n "$br" link add "v$n" type veth peer name eth0 netns "$ns"
  ip -n "$br" link set "v$n" master br0 up
  ip -n "$ns" addr add "$ip/24" dev eth0
  ip -n "$ns" link set eth0 up
}

declare -A ipof
wait_port() { # NS PROTO IP PORT
  local i
  for i in $(seq 1 100); do
    if [[ $2 == tcp ]]; then
      ip netns exec "$1" ss -Hltn "sport = :$4" | grep -q . && return 0
    else
      ip netns exec "$1" ss -Hlun "sport = :$4" | grep -q . && return 0
    fi
    sleep 0.05
  done
  echo "listener $2 $3:$4 did not come up" >&2; return 1
}

up() {
  local spec=$1
  [[ -r $spec ]] || { echo "no spec $spec" >&2; exit 2; }
  trap 'down; exit 1' ERR
  mkdir -p "$state"; : > "$state/pids"
  ip netns add "$br"
  ip -n "$br" link set lo up
  ip netns exec "$br" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n "$br" link add br0 type bridge stp_state 0 forward_delay 0
  ip -n "$br" link set br0 up
  local kind name a b c d rest k=0
  while read -r kind name a rest; do
    case $kind in
      ''|'#'*) continue ;;
      scanner) add_ns "$prefix-sc" "$name"; ipof[sc]=$name ;;
      host) add_ns "$prefix-$name" "$a"; ipof[$name]=$a ;;
    esac
  done < "$spec"
  while read -r kind name a rest; do
    case $kind in
      tcp)
        k=$((k + 1))
        local ns=$prefix-$name ip=${ipof[$name]}
        printf "${rest}" > "$state/banner$k"
        ip netns exec "$ns" socat "TCP-LISTEN:$a,bind=$ip,reuseaddr,fork" "OPEN:$state/banner$k,rdonly" \
          </dev/null >/dev/null 2>&1 &
        echo $! >> "$state/pids"
        wait_port "$ns" tcp "$ip" "$a" ;;
      snmp)
        k=$((k + 1))
        local ns=$prefix-$name ip=${ipof[$name]} conf=$state/snmpd$k.conf dir=$state/snmp$k
        mkdir -p "$dir"
        if [[ $a == v2c ]]; then
          read -r b descr <<< "$rest"
          printf 'rocommunity %s 10.250.0.0/24\nsysname %s\nsysdescr %s\nsysobjectid .1.3.6.1.4.1.8072.3.2.10\n' \
            "$b" "$name" "$descr" > "$conf"
        else
          read -r b c d descr <<< "$rest"
          printf 'createUser %s SHA "%s" AES "%s"\nrouser %s priv\nsysname %s\nsysdescr %s\nsysobjectid .1.3.6.1.4.1.8072.3.2.10\n' \
            "$b" "$c" "$d" "$b" "$name" "$descr" > "$conf"
        fi
        MIBS= SNMP_PERSISTENT_DIR=$dir ip netns exec "$ns" snmpd -f -I -smux -C -c "$conf" -Lf "$dir/log" \
          -p "$dir/pid" "udp:$ip:161" </dev/null >/dev/null 2>&1 &
        echo $! >> "$state/pids"
        wait_port "$ns" udp "$ip" 161 ;;
    esac
  done < "$spec"
  trap - ERR
}

case $cmd in
  up) up "${3:?spec}" ;;
  down) down ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
