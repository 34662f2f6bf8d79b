package io.vigie.agent.discover;

import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks each found host three read-only SNMP objects (sysDescr, sysObjectID, sysName): SNMPv2c with the
 * factory community {@code public}, and SNMPv3 (USM, authPriv SHA-1/AES-128) when the operator gave
 * credentials. One GET per host and version, nothing written, no walk.
 * <p>The v2c GET is encoded and decoded with SNMP4J's BER codec but sent on a connected UDP channel per
 * host, so that an ICMP "port unreachable" (no SNMP agent) ends the wait at once instead of a time-out;
 * SNMPv3 (SNMP4J session, engine discovery, USM) is then asked only of hosts whose port 161 is not closed.
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

    private final long timeoutMillis;
    private final int retries;
    private final V3 v3;
    private final Snmp snmp;
    private final ExecutorService v3Pool;
    private final Map<Integer, Map<String, String>> v2c = new ConcurrentHashMap<>();
    private final Map<Integer, Map<String, String>> v3Answers = new ConcurrentHashMap<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Object lock = new Object();
    private final Selector selector;
    private final Queue<Integer> inbox = new ConcurrentLinkedQueue<>();
    private final Set<Query> queries = new HashSet<>();
    private final AtomicInteger requestIds = new AtomicInteger(new java.security.SecureRandom().nextInt(1 << 30));
    private final Thread loop;
    private volatile boolean stopped;

    /** One v2c GET in flight on its own connected channel. */
    private static final class Query {
        final int host;
        final DatagramChannel channel;
        final int requestId;
        final byte[] packet;
        int sent;
        long deadline;

        Query(int host, DatagramChannel channel, int requestId, byte[] packet) {
            this.host = host;
            this.channel = channel;
            this.requestId = requestId;
            this.packet = packet;
        }
    }

    SnmpProber(long timeoutMillis, int retries, V3 v3) throws IOException {
        this.timeoutMillis = timeoutMillis;
        this.retries = retries;
        this.v3 = v3;
        this.selector = Selector.open();
        if (v3 != null) {
            SecurityProtocols protocols = SecurityProtocols.getInstance();
            protocols.addAuthenticationProtocol(new AuthSHA());
            protocols.addPrivacyProtocol(new PrivAES128());
            USM usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID()), 0);
            usm.addUser(new OctetString(v3.user()), new UsmUser(new OctetString(v3.user()), AuthSHA.ID,
                    new OctetString(v3.authPassphrase()), PrivAES128.ID, new OctetString(v3.privPassphrase())));
            MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
            dispatcher.addMessageProcessingModel(new MPv3(usm));
            snmp = new Snmp(dispatcher, new DefaultUdpTransportMapping(new UdpAddress("0.0.0.0/0")));
            snmp.listen();
            v3Pool = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "vigie-snmpv3");
                t.setDaemon(true);
                return t;
            });
        } else {
            snmp = null;
            v3Pool = null;
        }
        loop = new Thread(this::run, "vigie-snmp");
        loop.setDaemon(true);
        loop.start();
    }

    private static PDU getPdu(PDU pdu) {
        pdu.setType(PDU.GET);
        pdu.add(new VariableBinding(SYS_DESCR));
        pdu.add(new VariableBinding(SYS_OBJECT_ID));
        pdu.add(new VariableBinding(SYS_NAME));
        return pdu;
    }

    /** An SNMPv2c GET message (RFC 3416 inside the RFC 1901 community wrapper), BER-encoded by SNMP4J. */
    static byte[] encodeV2cGet(int requestId, String community) throws IOException {
        PDU pdu = getPdu(new PDU());
        pdu.setRequestID(new Integer32(requestId));
        Integer32 version = new Integer32(SnmpConstants.version2c);
        OctetString c = new OctetString(community);
        int length = version.getBERLength() + c.getBERLength() + pdu.getBERLength();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 8);
        BER.encodeHeader(out, BER.SEQUENCE, length);
        version.encodeBER(out);
        c.encodeBER(out);
        pdu.encodeBER(out);
        return out.toByteArray();
    }

    /** Decodes a v2c message; null when it is not a well-formed v2c message. */
    static PDU decodeV2c(byte[] data, int length) {
        try {
            BERInputStream in = new BERInputStream(ByteBuffer.wrap(data, 0, length));
            BER.MutableByte type = new BER.MutableByte();
            BER.decodeHeader(in, type);
            if (type.getValue() != BER.SEQUENCE) {
                return null;
            }
            Integer32 version = new Integer32();
            version.decodeBER(in);
            if (version.getValue() != SnmpConstants.version2c) {
                return null;
            }
            new OctetString().decodeBER(in);
            PDU pdu = new PDU();
            pdu.decodeBER(in);
            return pdu;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Sends the queries for one host; answers are collected until {@link #await}. Thread-safe. */
    void query(int host) {
        outstanding.incrementAndGet();
        inbox.add(host);
        selector.wakeup();
    }

    private void run() {
        try {
            while (!stopped) {
                Integer h;
                while ((h = inbox.poll()) != null) {
                    start(h);
                }
                long now = System.nanoTime();
                long wait = 50;
                for (Query q : queries) {
                    wait = Math.min(wait, Math.max(1, TimeUnit.NANOSECONDS.toMillis(q.deadline - now) + 1));
                }
                selector.select(wait);
                for (SelectionKey key : selector.selectedKeys()) {
                    read((Query) key.attachment());
                }
                selector.selectedKeys().clear();
                now = System.nanoTime();
                for (Query q : List.copyOf(queries)) {
                    if (q.deadline - now <= 0) {
                        if (q.sent <= retries) {
                            send(q);
                        } else {
                            finish(q, false);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // selector failure: queries left are abandoned below
        } finally {
            for (Query q : List.copyOf(queries)) {
                finish(q, false);
            }
        }
    }

    private void start(int host) {
        try {
            DatagramChannel ch = DatagramChannel.open();
            ch.configureBlocking(false);
            ch.connect(new InetSocketAddress(Cidr.toAddress(host), 161));
            int id = requestIds.incrementAndGet() & 0x7fffffff;
            Query q = new Query(host, ch, id, encodeV2cGet(id, DEFAULT_COMMUNITY));
            queries.add(q);
            ch.register(selector, SelectionKey.OP_READ, q);
            send(q);
        } catch (IOException e) {
            done();
        }
    }

    private void send(Query q) {
        q.sent++;
        q.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            q.channel.write(ByteBuffer.wrap(q.packet));
        } catch (PortUnreachableException e) {
            finish(q, true);
        } catch (IOException e) {
            finish(q, false);
        }
    }

    private void read(Query q) {
        ByteBuffer buf = ByteBuffer.allocate(65535);
        try {
            int n = q.channel.read(buf);
            if (n <= 0) {
                return;
            }
            PDU pdu = decodeV2c(buf.array(), n);
            if (pdu == null || pdu.getRequestID().getValue() != q.requestId) {
                return;
            }
            record(q.host, pdu, v2c, "2c");
            finish(q, false);
        } catch (PortUnreachableException e) {
            finish(q, true);
        } catch (IOException e) {
            finish(q, false);
        }
    }

    /** Ends a v2c query; asks SNMPv3 next unless the port is closed or v2c already answered (that answer is kept). */
    private void finish(Query q, boolean portClosed) {
        if (!queries.remove(q)) {
            return;
        }
        try {
            q.channel.close();
        } catch (IOException ignored) {
            // closing a UDP channel
        }
        if (v3 != null && !portClosed && !stopped && !v2c.containsKey(q.host)) {
            queryV3(q.host);
        }
        done();
    }

    private void queryV3(int host) {
        outstanding.incrementAndGet();
        try {
            v3Pool.execute(() -> {
                try {
                    UserTarget<UdpAddress> ut = new UserTarget<>();
                    ut.setAddress(new UdpAddress(Cidr.toAddress(host), 161));
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
        } catch (RuntimeException e) {
            done();
        }
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
        if (response == null || response.getType() != PDU.RESPONSE || response.getErrorStatus() != PDU.noError) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (VariableBinding vb : response.getVariableBindings()) {
            Variable v = vb.getVariable();
            if (v == null || v.isException()) {
                continue;
            }
            String text = v instanceof OctetString os ? text(os.getValue()) : v.toString();
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

    /** Text of an OCTET STRING: UTF-8 when valid, else Latin-1 (devices pad with NULs; clean() drops them). */
    static String text(byte[] bytes) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
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
        stopped = true;
        selector.wakeup();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing the selector
        }
        if (v3Pool != null) {
            v3Pool.shutdownNow();
            try {
                v3Pool.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (snmp != null) {
                snmp.close();
            }
        } catch (IOException ignored) {
            // closing the UDP socket
        }
    }
}
