package io.vigie.agent.discover;

import io.vigie.checks.text.Lang;

import java.time.Duration;
import java.util.List;

/**
 * What the operator asked for. Build with {@link #builder()}; defaults are safe for a small office network.
 *
 * @param interfaceName  interface whose network is swept (null: the only private one)
 * @param subnet         CIDR to sweep instead of the interface's whole network (null: the interface's)
 * @param force          allow more than a /22
 * @param lang           language of messages
 * @param method         host discovery method
 * @param ports          TCP ports to probe (null: the catalogue of risky and remote-access ports)
 * @param snmp           ask found hosts SNMP sysDescr/sysName/sysObjectID (community "public")
 * @param snmpV3         SNMPv3 credentials, or null
 * @param reverseDns     look up host names (off by default: DNS queries leave the LAN)
 * @param maxInFlight    concurrent TCP connects at most
 * @param rate           new probes per second, all hosts together (ARP requests and TCP connects)
 * @param hostRate       new probes per second to one host
 * @param connectTimeout time given to one TCP connect
 * @param bannerTimeout  time given to a greeting after connecting
 * @param snmpTimeout    time given to one SNMP answer
 * @param snmpRetries    SNMP retransmissions
 * @param arpWait        time to wait for ARP replies after each pass
 * @param arpRetries     extra ARP passes to addresses that did not answer
 */
public record DiscoveryOptions(
        String interfaceName,
        String subnet,
        boolean force,
        Lang lang,
        Method method,
        List<Integer> ports,
        boolean snmp,
        SnmpV3 snmpV3,
        boolean reverseDns,
        int maxInFlight,
        double rate,
        double hostRate,
        Duration connectTimeout,
        Duration bannerTimeout,
        Duration snmpTimeout,
        int snmpRetries,
        Duration arpWait,
        int arpRetries) {

    /** How hosts are found. */
    public enum Method {
        /** ARP when this process may capture and the subnet is the interface's own, else TCP connect. */
        AUTO,
        /** ARP only (fails without the right to capture). */
        ARP,
        /** TCP connect probes only (no privilege needed). */
        TCP
    }

    /** SNMPv3 USM credentials (authPriv, SHA-1 + AES-128). Passphrases are never printed or reported. */
    public record SnmpV3(String user, String authPassphrase, String privPassphrase) {
        @Override
        public String toString() {
            return "SnmpV3[user=" + user + "]";
        }
    }

    public DiscoveryOptions {
        if (maxInFlight < 1 || rate <= 0 || hostRate <= 0 || snmpRetries < 0 || arpRetries < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        ports = ports == null ? null : List.copyOf(ports);
        lang = lang == null ? Lang.DEFAULT : lang;
        method = method == null ? Method.AUTO : method;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder with the defaults. */
    public static final class Builder {
        private String interfaceName;
        private String subnet;
        private boolean force;
        private Lang lang = Lang.DEFAULT;
        private Method method = Method.AUTO;
        private List<Integer> ports;
        private boolean snmp = true;
        private SnmpV3 snmpV3;
        private boolean reverseDns;
        private int maxInFlight = 256;
        private double rate = 2000;
        private double hostRate = 300;
        private Duration connectTimeout = Duration.ofMillis(800);
        private Duration bannerTimeout = Duration.ofMillis(1500);
        private Duration snmpTimeout = Duration.ofMillis(1000);
        private int snmpRetries = 1;
        private Duration arpWait = Duration.ofMillis(150);
        private int arpRetries = 1;

        public Builder interfaceName(String v) { interfaceName = v; return this; }
        public Builder subnet(String v) { subnet = v; return this; }
        public Builder force(boolean v) { force = v; return this; }
        public Builder lang(Lang v) { lang = v; return this; }
        public Builder method(Method v) { method = v; return this; }
        public Builder ports(List<Integer> v) { ports = v; return this; }
        public Builder snmp(boolean v) { snmp = v; return this; }
        public Builder snmpV3(SnmpV3 v) { snmpV3 = v; return this; }
        public Builder reverseDns(boolean v) { reverseDns = v; return this; }
        public Builder maxInFlight(int v) { maxInFlight = v; return this; }
        public Builder rate(double v) { rate = v; return this; }
        public Builder hostRate(double v) { hostRate = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder bannerTimeout(Duration v) { bannerTimeout = v; return this; }
        public Builder snmpTimeout(Duration v) { snmpTimeout = v; return this; }
        public Builder snmpRetries(int v) { snmpRetries = v; return this; }
        public Builder arpWait(Duration v) { arpWait = v; return this; }
        public Builder arpRetries(int v) { arpRetries = v; return this; }

        public DiscoveryOptions build() {
            return new DiscoveryOptions(interfaceName, subnet, force, lang, method, ports, snmp, snmpV3, reverseDns,
                    maxInFlight, rate, hostRate, connectTimeout, bannerTimeout, snmpTimeout, snmpRetries, arpWait, arpRetries);
        }
    }
}
