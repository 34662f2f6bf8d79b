package io.vigie.agent.discover;

import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks each found host three read-only SNMP objects (sysDescr, sysObjectID, sysName) with SNMP4J: SNMPv2c
 * with the factory community {@code public}, and SNMPv3 (USM, authPriv SHA-1/AES-128) when the operator
 * gave credentials. One GET per host and version, nothing written, no walk.
 */
final class SnmpProber implements AutoCloseable {

    static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1.0");
    static final OID SYS_OBJECT_ID = new OID("1.3.6.1.2.1.1.2.0");
    static final OID SYS_NAME = new OID("1.3.6.1.2.1.1.5.0");
    static final String DEFAULT_COMMUNITY = "public";

    /** SNMPv3 credentials given by the operator. Never written to the report. */
    record V3(String user, String authPassphrase, String privPassphrase) {
        V3 {
            if (user == null || user.isBlank() || authPassphrase == null || authPassphrase.length() < 8
                    || privPassphrase == null || privPassphrase.length() < 8) {
                throw new DiscoveryRefused("snmp_v3_incomplete", Map.of());
            }
        }

        @Override
        public String toString() {
            return "V3[user=" + user + "]";
        }
    }

    private final Snmp snmp;
    private final long timeoutMillis;
    private final int retries;
    private final V3 v3;
    private final ExecutorService v3Pool;
    private final Map<Integer, Map<String, String>> v2c = new ConcurrentHashMap<>();
    private final Map<Integer, Map<String, String>> v3Answers = new ConcurrentHashMap<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Object lock = new Object();

    SnmpProber(long timeoutMillis, int retries, V3 v3) throws IOException {
        this.timeoutMillis = timeoutMillis;
        this.retries = retries;
        this.v3 = v3;
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(new UdpAddress("0.0.0.0/0"));
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv2c());
        if (v3 != null) {
            SecurityProtocols protocols = SecurityProtocols.getInstance();
            protocols.addAuthenticationProtocol(new AuthSHA());
            protocols.addPrivacyProtocol(new PrivAES128());
            USM usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID()), 0);
            usm.addUser(new OctetString(v3.user()), new UsmUser(new OctetString(v3.user()), AuthSHA.ID,
                    new OctetString(v3.authPassphrase()), PrivAES128.ID, new OctetString(v3.privPassphrase())));
            dispatcher.addMessageProcessingModel(new MPv3(usm));
            v3Pool = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "vigie-snmpv3");
                t.setDaemon(true);
                return t;
            });
        } else {
            v3Pool = null;
        }
        snmp = new Snmp(dispatcher, transport);
        snmp.listen();
    }

    private static PDU getPdu(PDU pdu) {
        pdu.setType(PDU.GET);
        pdu.add(new VariableBinding(SYS_DESCR));
        pdu.add(new VariableBinding(SYS_OBJECT_ID));
        pdu.add(new VariableBinding(SYS_NAME));
        return pdu;
    }

    /** Sends the queries for one host; answers are collected until {@link #await}. Thread-safe. */
    void query(int host) {
        UdpAddress address = new UdpAddress(Cidr.toAddress(host), 161);
        CommunityTarget<UdpAddress> ct = new CommunityTarget<>(address, new OctetString(DEFAULT_COMMUNITY));
        ct.setVersion(SnmpConstants.version2c);
        ct.setTimeout(timeoutMillis);
        ct.setRetries(retries);
        outstanding.incrementAndGet();
        try {
            snmp.send(getPdu(new PDU()), ct, null, listener(host, v2c, "2c"));
        } catch (IOException e) {
            done();
        }
        if (v3 != null) {
            outstanding.incrementAndGet();
            v3Pool.execute(() -> {
                try {
                    UserTarget<UdpAddress> ut = new UserTarget<>();
                    ut.setAddress(address);
                    ut.setVersion(SnmpConstants.version3);
                    ut.setSecurityLevel(SecurityLevel.AUTH_PRIV);
                    ut.setSecurityName(new OctetString(v3.user()));
                    ut.setTimeout(timeoutMillis);
                    ut.setRetries(retries);
                    ResponseEvent<UdpAddress> ev = snmp.send(getPdu(new ScopedPDU()), ut);
                    record(host, ev.getResponse(), v3Answers, "3");
                } catch (Exception e) {
                    // no answer: the host does not speak SNMPv3 with these credentials
                } finally {
                    done();
                }
            });
        }
    }

    private ResponseListener listener(int host, Map<Integer, Map<String, String>> into, String version) {
        return new ResponseListener() {
            @Override
            public <A extends org.snmp4j.smi.Address> void onResponse(ResponseEvent<A> event) {
                ((Snmp) event.getSource()).cancel(event.getRequest(), this);
                try {
                    record(host, event.getResponse(), into, version);
                } finally {
                    done();
                }
            }
        };
    }

    private void done() {
        if (outstanding.decrementAndGet() == 0) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** Keeps a GET answer's three values (printable text; exceptions such as noSuchObject left out). */
    static Map<String, String> values(PDU response, String version) {
        if (response == null || response.getErrorStatus() != PDU.noError) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (VariableBinding vb : response.getVariableBindings()) {
            Variable v = vb.getVariable();
            if (v == null || v.isException()) {
                continue;
            }
            String text = v instanceof OctetString os && os.isPrintable() ? new String(os.getValue(), java.nio.charset.StandardCharsets.UTF_8) : v.toString();
            String clean = Banners.clean(text);
            if (clean == null) {
                continue;
            }
            if (vb.getOid().equals(SYS_DESCR)) {
                m.put("sysDescr", clean);
            } else if (vb.getOid().equals(SYS_OBJECT_ID)) {
                m.put("sysObjectID", clean);
            } else if (vb.getOid().equals(SYS_NAME)) {
                m.put("sysName", clean);
            }
        }
        m.put("version", version);
        if ("2c".equals(version)) {
            m.put("community", DEFAULT_COMMUNITY);
        } else {
            m.put("securityLevel", "authPriv");
        }
        return m;
    }

    private static void record(int host, PDU response, Map<Integer, Map<String, String>> into, String version) {
        Map<String, String> m = values(response, version);
        if (m != null) {
            into.put(host, m);
        }
    }

    /** Waits for every query's answer or time-out. */
    void await(long maxMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + maxMillis;
        synchronized (lock) {
            while (outstanding.get() > 0) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                lock.wait(left);
            }
        }
    }

    /**
     * What each host answered: the SNMPv2c answer with the factory community when there is one (that is the
     * finding), else the SNMPv3 answer.
     */
    Map<Integer, Map<String, String>> answers() {
        Map<Integer, Map<String, String>> out = new LinkedHashMap<>(v3Answers);
        out.putAll(v2c);
        return out;
    }

    List<Integer> v3Hosts() {
        return List.copyOf(v3Answers.keySet());
    }

    @Override
    public void close() {
        if (v3Pool != null) {
            v3Pool.shutdownNow();
            try {
                v3Pool.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            snmp.close();
        } catch (IOException ignored) {
            // closing the UDP socket
        }
    }
}
