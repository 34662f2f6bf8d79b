package io.vigie.agent.discover;

import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNetworkInterface;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds the hosts of the interface's own network by ARP: one broadcast "who has" per address (and one
 * retry to the silent ones), paced by a rate limit, replies captured with libpcap through pcap4j. Needs
 * root or CAP_NET_RAW. Sends nothing but ARP requests.
 */
final class ArpSweeper {

    /** Called once per host that answered (its IP, its MAC as {@code aa:bb:…}), from the capture thread. */
    interface HostListener {
        void hostFound(int ip, String mac);
    }

    private ArpSweeper() {
    }

    /**
     * Opens the capture on the interface (loading libpcap through JNA costs a few hundred milliseconds, so
     * callers start this early, in the background).
     *
     * @throws Exception when libpcap cannot be loaded or the capture cannot be opened (the caller falls back
     *                   to TCP discovery)
     */
    static PcapHandle open(NetInfo.Iface iface) throws Exception {
        if (iface.mac() == null || iface.mac().length != 6) {
            throw new IllegalStateException("interface " + iface.name() + " has no Ethernet address");
        }
        PcapHandle handle = new PcapHandle.Builder(iface.name())
                .snaplen(128)
                .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                .timeoutMillis(10)
                .immediateMode(true)
                .build();
        try {
            handle.setFilter("arp and arp[6:2] = 2", BpfProgram.BpfCompileMode.OPTIMIZE);
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
        } catch (Exception e) {
            handle.close();
            throw e;
        }
        LanDiscoverer.trace("pcap open");
        return handle;
    }

    /**
     * Sweeps {@code targets} and closes {@code handle}.
     */
    static void sweep(PcapHandle handle, NetInfo.Iface iface, List<Integer> targets, double perSecond, int retries,
                      Duration wait, HostListener listener) throws Exception {
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        Thread receiver = null;
        try {
            Cidr network = iface.network();
            int self = iface.address();
            Set<Integer> wanted = Set.copyOf(targets);
            receiver = new Thread(() -> {
                while (!stop.get()) {
                    byte[] raw;
                    try {
                        raw = handle.getNextRawPacket();
                    } catch (Exception e) {
                        return;
                    }
                    if (raw == null) {
                        LockSupport.parkNanos(300_000L);
                        continue;
                    }
                    ArpFrames.Sender s = ArpFrames.parseReply(raw);
                    if (s != null && s.ip() != self && network.contains(s.ip()) && wanted.contains(s.ip())
                            && seen.add(s.ip())) {
                        listener.hostFound(s.ip(), Oui.format(s.mac()));
                    }
                }
            }, "vigie-arp-capture");
            receiver.setDaemon(true);
            receiver.start();

            RateLimiter pace = RateLimiter.system(perSecond, 16);
            for (int pass = 0; pass <= retries; pass++) {
                for (int target : targets) {
                    if (target == self || seen.contains(target)) {
                        continue;
                    }
                    while (!pace.tryAcquire()) {
                        LockSupport.parkNanos(pace.nanosUntilAvailable());
                    }
                    handle.sendPacket(ArpFrames.request(iface.mac(), self, target));
                }
                LanDiscoverer.trace("arp pass " + pass + " sent");
                Thread.sleep(wait.toMillis());
                if (seen.size() >= wanted.size() - (wanted.contains(self) ? 1 : 0)) {
                    break;
                }
            }
        } finally {
            stop.set(true);
            if (receiver != null) {
                receiver.join(1000);
            }
            handle.close();
        }
    }
}
