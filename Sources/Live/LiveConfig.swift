import Yams

/// Everything `consenttap live` takes, as flags or as a YAML file (`--config`); flags override the file.
///
/// Keys use snake_case versions of the flag names (`snaplen`, `buffer_size`, `first_party`...). An
/// option absent from the file stays nil (or empty) so that a merge knows what was set; `resolved`
/// fills the defaults stated on each field.
package struct LiveConfig: Sendable, Equatable {
    /// Interfaces (`any` for all); default none: at least one is required.
    package var interfaces: [String] = []
    /// BPF filter, tcpdump syntax; default none (every packet).
    package var bpf: String?
    /// Bytes kept per packet; default 262144.
    package var snaplen: Int?
    /// Kernel capture buffer in bytes; default 32 MiB.
    package var bufferSize: Int?
    /// Promiscuous mode; default false.
    package var promiscuous: Bool?
    /// Deliver packets as they arrive; default true.
    package var immediate: Bool?
    /// Worker threads; default: the number of cores.
    package var workers: Int?
    /// Packets per capture-to-worker queue; default 16384.
    package var queuePackets: Int?
    /// Bytes of packet slab per capture-to-worker queue; default 32 MiB.
    package var queueBytes: Int?
    package var keylog: [String] = []
    /// Milliseconds packets wait before processing so that followed key logs catch up with them;
    /// default 200 when key logs are followed, else 0.
    package var keyWaitMs: Int?
    /// Seconds a forward with personal data waits before it is judged, so that consent records that
    /// arrive late but are dated before it still count (`--grace`); default 0.
    package var graceSeconds: Int?
    package var catalog: [String] = []
    package var firstParty: [String] = []
    package var hashKeyFile: String?
    package var policy: String?
    /// opt_in or opt_out; default opt_in.
    package var defaultRegime: String?
    package var consent: String?
    /// Consent store (SQLite, `consenttap consent import/serve`): its records are used, and re-read on SIGHUP.
    package var consentDB: String?
    /// Follow the consent feed file as it grows.
    package var follow: Bool?
    /// `host:port` of the in-process consent endpoint (`POST /v1/consent`); none by default.
    package var consentListen: String?
    /// File holding the endpoint's bearer token (or CONSENTTAP_CONSENT_TOKEN).
    package var consentTokenFile: String?
    /// Alert sinks for unconsented forwards (`stdout`, `file:PATH`, `syslog[:IDENT]`, `webhook:URL`).
    package var alert: [String] = []
    /// File holding the webhook's HMAC secret.
    package var webhookSecretFile: String?
    /// Seconds within which repeats of one alert are counted, not sent; default 300.
    package var alertWindow: Int?
    /// Prometheus endpoint `ADDR:PORT`; default none.
    package var metrics: String?
    /// User to switch to once the capture handles are open; default: stay as is.
    package var user: String?
    /// Seconds between counter lines on stderr (0: never); default 60.
    package var statsInterval: Int?
    package var rawEvidence: Bool?

    package init() {}

    /// The keys a file may hold, for error messages.
    package static let keys = [
        "interfaces", "bpf", "snaplen", "buffer_size", "promiscuous", "immediate", "workers", "queue_packets",
        "queue_bytes", "keylog", "key_wait_ms", "grace", "catalog", "first_party", "hash_key_file", "policy", "default_regime", "consent", "consent_db",
        "follow", "consent_listen", "consent_token_file", "alert", "webhook_secret_file", "alert_window", "metrics", "user", "stats_interval", "raw_evidence",
    ]

    /// `other`'s settings where it has them, ours elsewhere (lists: `other`'s when non-empty).
    package func overridden(by other: LiveConfig) -> LiveConfig {
        var c = self
        if !other.interfaces.isEmpty { c.interfaces = other.interfaces }
        if !other.keylog.isEmpty { c.keylog = other.keylog }
        if !other.catalog.isEmpty { c.catalog = other.catalog }
        if !other.firstParty.isEmpty { c.firstParty = other.firstParty }
        if !other.alert.isEmpty { c.alert = other.alert }
        c.bpf = other.bpf ?? bpf
        c.snaplen = other.snaplen ?? snaplen
        c.bufferSize = other.bufferSize ?? bufferSize
        c.promiscuous = other.promiscuous ?? promiscuous
        c.immediate = other.immediate ?? immediate
        c.workers = other.workers ?? workers
        c.queuePackets = other.queuePackets ?? queuePackets
        c.queueBytes = other.queueBytes ?? queueBytes
        c.keyWaitMs = other.keyWaitMs ?? keyWaitMs
        c.graceSeconds = other.graceSeconds ?? graceSeconds
        c.hashKeyFile = other.hashKeyFile ?? hashKeyFile
        c.policy = other.policy ?? policy
        c.defaultRegime = other.defaultRegime ?? defaultRegime
        c.consent = other.consent ?? consent
        c.consentDB = other.consentDB ?? consentDB
        c.follow = other.follow ?? follow
        c.consentListen = other.consentListen ?? consentListen
        c.consentTokenFile = other.consentTokenFile ?? consentTokenFile
        c.webhookSecretFile = other.webhookSecretFile ?? webhookSecretFile
        c.alertWindow = other.alertWindow ?? alertWindow
        c.metrics = other.metrics ?? metrics
        c.user = other.user ?? user
        c.statsInterval = other.statsInterval ?? statsInterval
        c.rawEvidence = other.rawEvidence ?? rawEvidence
        return c
    }

    /// Checks values that do not depend on the file's shape (also for flags); the first problem, or nil.
    package func problem() -> String? {
        if interfaces.isEmpty { return "no interface: give -i IFACE (or interfaces: in the config file)" }
        if let v = snaplen, !(64...262_144).contains(v) { return "snaplen must be between 64 and 262144, not \(v)" }
        if let v = bufferSize, !((1 << 16)...(1 << 31)).contains(v) { return "buffer_size must be between 64 KiB and 2 GiB, not \(v)" }
        if let v = workers, !(1...256).contains(v) { return "workers must be between 1 and 256, not \(v)" }
        if let v = queuePackets, !(16...(1 << 24)).contains(v) { return "queue_packets must be between 16 and 16777216, not \(v)" }
        if let v = queueBytes, !((1 << 16)...(1 << 32)).contains(v) { return "queue_bytes must be between 64 KiB and 4 GiB, not \(v)" }
        if let v = keyWaitMs, !(0...5000).contains(v) { return "key_wait_ms must be between 0 and 5000, not \(v)" }
        if let v = graceSeconds, !(0...3600).contains(v) { return "grace must be between 0 and 3600 seconds, not \(v)" }
        if let v = statsInterval, v < 0 { return "stats_interval must be 0 or more seconds, not \(v)" }
        if let r = defaultRegime, r != "opt_in", r != "opt_out" { return "default_regime must be opt_in or opt_out, not '\(r)'" }
        if let m = metrics, MetricsAddress(m) == nil { return "metrics must be ADDR:PORT (e.g. 127.0.0.1:9464 or [::1]:9464), not '\(m)'" }
        if let v = alertWindow, v < 0 { return "alert_window must be 0 or more seconds, not \(v)" }
        if let l = consentListen, MetricsAddress(l) == nil { return "consent_listen must be ADDR:PORT (e.g. 127.0.0.1:8787), not '\(l)'" }
        if follow == true, consent == nil { return "follow needs a consent feed file (consent)" }
        if let u = user, u.isEmpty { return "user must not be empty" }
        return nil
    }
}

/// `ADDR:PORT` of the metrics endpoint: an IPv4 or bracketed IPv6 literal (or `localhost`, `*`).
package struct MetricsAddress: Sendable, Equatable {
    package var host: String
    package var port: UInt16

    package init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]), port > 0 else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { return nil }
            host = String(host.dropFirst().dropLast())
            guard host.contains(":") else { return nil }
        } else {
            if host == "localhost" { host = "127.0.0.1" }
            if host == "*" || host.isEmpty { host = "0.0.0.0" }
            let parts = host.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) else { return nil }
        }
        self.host = host
        self.port = port
    }
}
