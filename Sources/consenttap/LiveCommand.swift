import ArgumentParser
import Foundation
import Capture
import Engine
import Live
import Alerts
import ConsentStore
import Consent
import TLS
#if canImport(Glibc)
import Glibc
#endif

/// `consenttap live -i IFACE`: the `analyze` pipeline on live traffic, one JSON line per forward on
/// stdout as it happens. Threads: one capture thread per interface, `--workers` workers (flows
/// dispatched by a symmetric hash), a metrics thread; the main thread handles signals, follows key
/// logs and logs figures. See docs/LIVE.md.
struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Watch live traffic: each forward to a tracker as a JSON line (analyze schema) as it happens.",
        discussion: """
        Needs capture rights (root, or CAP_NET_RAW and CAP_NET_ADMIN on the binary); with --user the process \
        switches to that user once the capture handles are open. SIGHUP reloads the config file, catalogs, \
        policy and consent feed without losing flows; SIGINT/SIGTERM drain the queues, flush and exit 0. \
        Every setting may also come from --config FILE (YAML, see `consenttap check-config`); flags win.
        """
    )

    @Option(name: [.customShort("i"), .customLong("interface")], help: ArgumentHelp("Interface to capture on ('any' for all); repeatable.", valueName: "iface"))
    var interfaces: [String] = []
    @Option(help: ArgumentHelp("Capture filter, tcpdump syntax (pcap-filter(7)).", valueName: "expr"))
    var bpf: String?
    @Option(help: "Bytes kept per packet (default 262144).")
    var snaplen: Int?
    @Option(help: ArgumentHelp("Kernel capture buffer (default 32MiB); units KiB, MiB, GiB.", valueName: "size"))
    var bufferSize: String?
    @Flag(help: "Put the interfaces in promiscuous mode.")
    var promiscuous = false
    @Flag(help: "Let the kernel batch packets (lower CPU, more latency) instead of immediate mode.")
    var noImmediate = false
    @Option(help: "Worker threads (default: the number of cores).")
    var workers: Int?
    @Option(help: "Packets per capture-to-worker queue (default 16384).")
    var queuePackets: Int?
    @Option(help: ArgumentHelp("Packet bytes per capture-to-worker queue (default 32MiB).", valueName: "size"))
    var queueBytes: String?
    @Option(name: .customLong("keylog"), help: ArgumentHelp("NSS key log file, followed as it grows; repeatable.", valueName: "file"))
    var keylog: [String] = []
    @Option(help: "Milliseconds packets wait so that followed key logs catch up (default 200 with key logs, else 0).")
    var keyWaitMs: Int?
    @Option(help: ArgumentHelp("Seconds forwards wait before being judged, for consent records that arrive late but are dated before them (default 0).",
                               valueName: "seconds"))
    var grace: Int?
    @Option(name: .customLong("catalog"), help: ArgumentHelp("Extra tracker catalog (YAML); repeatable.", valueName: "file"))
    var catalog: [String] = []
    @Option(name: .customLong("first-party"), help: ArgumentHelp("Your own domain (and its subdomains); repeatable.", valueName: "domain"))
    var firstParty: [String] = []
    @Option(help: ArgumentHelp("File holding the key of the keyed hashes (also CONSENTTAP_HASH_KEY).", valueName: "file"))
    var hashKeyFile: String?
    @Option(help: ArgumentHelp("Policy file (JSON) over the embedded default policy.", valueName: "file"))
    var policy: String?
    @Option(help: "Regime for subjects without a consent record: opt_in or opt_out.")
    var defaultRegime: String?
    @Option(help: ArgumentHelp("Consent feed (JSON Lines); re-read on SIGHUP.", valueName: "file"))
    var consent: String?
    @Option(help: ArgumentHelp("Consent store (SQLite): its records are used (and --consent's added); re-read on SIGHUP.", valueName: "path"))
    var consentDB: String?
    @Flag(help: "Follow the --consent file as it grows (records apply to later forwards without a reload).")
    var follow = false
    @Option(help: ArgumentHelp(
        "Receive consent records over HTTP in this process (POST /v1/consent, bearer token; stored in --consent-db when given).",
        valueName: "host:port"))
    var consentListen: String?
    @Option(help: ArgumentHelp("File holding the consent endpoint's bearer token (also CONSENTTAP_CONSENT_TOKEN).", valueName: "file"))
    var consentTokenFile: String?
    @Option(help: ArgumentHelp(
        "Alert sink for unconsented forwards (violation, no_consent_record): stdout, file:PATH, syslog[:IDENT] or webhook:http://HOST[:PORT]/PATH; repeatable.",
        valueName: "sink"))
    var alert: [String] = []
    @Option(help: ArgumentHelp("File holding the webhook's HMAC secret. Also CONSENTTAP_WEBHOOK_SECRET.", valueName: "file"))
    var webhookSecretFile: String?
    @Option(help: "Repeats of one alert within this many seconds are counted, not sent (default 300).")
    var alertWindow: Int?
    @Option(help: ArgumentHelp("Prometheus endpoint (/metrics, /healthz), e.g. 127.0.0.1:9464.", valueName: "addr:port"))
    var metrics: String?
    @Option(help: ArgumentHelp("Switch to this user once the capture handles are open.", valueName: "name"))
    var user: String?
    @Option(help: "Seconds between figure lines on stderr (default 60, 0: never).")
    var statsInterval: Int?
    @Flag(help: "Also write raw values (raw_value) next to the masked ones: personal data in the output.")
    var rawEvidence = false
    @Option(help: ArgumentHelp("YAML config file holding any of these settings; flags override it.", valueName: "file"))
    var config: String?

    /// The flags as a config (unset flags stay nil so that the file's values show through).
    func flagConfig() throws -> LiveConfig {
        var c = LiveConfig()
        c.interfaces = interfaces
        c.bpf = bpf
        c.snaplen = snaplen
        c.bufferSize = try bufferSize.map { try size($0, "--buffer-size") }
        c.promiscuous = promiscuous ? true : nil
        c.immediate = noImmediate ? false : nil
        c.workers = workers
        c.queuePackets = queuePackets
        c.queueBytes = try queueBytes.map { try size($0, "--queue-bytes") }
        c.keylog = keylog
        c.keyWaitMs = keyWaitMs
        c.graceSeconds = grace
        c.catalog = catalog
        c.firstParty = firstParty
        c.hashKeyFile = hashKeyFile
        c.policy = policy
        c.defaultRegime = defaultRegime
        c.consent = consent
        c.consentDB = consentDB
        c.follow = follow ? true : nil
        c.consentListen = consentListen
        c.consentTokenFile = consentTokenFile
        c.alert = alert
        c.webhookSecretFile = webhookSecretFile
        c.alertWindow = alertWindow
        c.metrics = metrics
        c.user = user
        c.statsInterval = statsInterval
        c.rawEvidence = rawEvidence ? true : nil
        return c
    }

    private func size(_ text: String, _ flag: String) throws -> Int {
        guard let n = LiveConfigParser.parseSize(text) else { throw ValidationError("\(flag) must be a size such as 65536 or 32MiB") }
        return n
    }

    func run() throws {
        let flags = try flagConfig()
        let cfg: LiveConfig
        do { cfg = try LiveLoading.effectiveConfig(flags: flags, file: config) } catch {
            printError("consenttap: error: \(error)")
            throw ExitCode(2)
        }
        if !cfg.alert.isEmpty, cfg.consent == nil, cfg.consentDB == nil {
            printError("consenttap: note: --alert needs --consent or --consent-db to judge forwards; no alert will be sent")
        }
        let hashKey: [UInt8]
        let analysis: LiveAnalysis
        do {
            hashKey = try LiveLoading.hashKey(cfg, fallback: nil)
            analysis = try LiveLoading.analysis(cfg, hashKey: hashKey)
        } catch {
            printError("consenttap: error: \(error)")
            throw ExitCode(2)
        }
        var keylogPaths = cfg.keylog
        if let env = ProcessInfo.processInfo.environment["SSLKEYLOGFILE"], !env.isEmpty, !keylogPaths.contains(env) { keylogPaths.append(env) }

        // Signals are handled by the main thread only (sigtimedwait): block them before any thread starts.
        var signals = sigset_t()
        sigemptyset(&signals)
        for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, s) }
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        signal(SIGPIPE, SIG_IGN)

        // Open every capture handle (needs privileges), then the metrics socket, then drop privileges.
        var options = LiveCaptureOptions()
        options.filter = cfg.bpf
        options.snapLength = cfg.snaplen ?? options.snapLength
        options.bufferSize = cfg.bufferSize ?? options.bufferSize
        options.promiscuous = cfg.promiscuous ?? false
        options.immediate = cfg.immediate ?? true
        options.readTimeoutMilliseconds = 100
        var captures: [(String, LiveCapture)] = []
        for iface in cfg.interfaces {
            do { captures.append((iface, try LiveCapture(interface: iface, options: options))) } catch {
                printError("consenttap: error: \(error)")
                throw ExitCode(2)
            }
        }
        let alerts: AlertDispatcher?
        do { alerts = try LiveAlerts.dispatcher(cfg) } catch {
            printError("consenttap: error: \(error)")
            throw ExitCode(2)
        }
        var onForward: (@Sendable (ForwardRecord) -> Void)?
        if let alerts {
            let key = hashKey
            onForward = { (f: ForwardRecord) in if let a = f.alert(subjectKey: key) { alerts.post(a) } }
        }
        let sink = ForwardSink(fd: 1, onForward: onForward)
        let box = AnalysisBox(analysis)
        let workerCount = cfg.workers ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
        let runtime = LiveRuntime(captures: captures, workerCount: workerCount, queuePackets: cfg.queuePackets ?? 16_384,
                                  queueBytes: cfg.queueBytes ?? (32 << 20), analysis: box, sink: sink)
        var server: MetricsServer?
        if let m = cfg.metrics, let address = MetricsAddress(m) {
            do {
                server = try MetricsServer(address: address, metrics: { runtime.snapshot().prometheusText }, health: {
                    runtime.capturesEnded ? (false, "capture ended") : (true, "ok")
                })
            } catch {
                printError("consenttap: error: metrics endpoint: \(error)")
                throw ExitCode(2)
            }
        }
        if let name = cfg.user {
            if let problem = Privileges.drop(to: name) {
                printError("consenttap: error: cannot switch to user \(name): \(problem)")
                throw ExitCode(2)
            }
        }

        // Key logs: what the files hold now (read by the follower itself, so no line falls between a
        // first read and the following), then what is appended (followed by the main loop).
        for path in keylogPaths where !FileManager.default.fileExists(atPath: path) {
            printError("consenttap: warning: key log \(path) not there yet; following it")
        }
        var follower = KeyLogFollower(paths: keylogPaths, startAtEnd: false)
        while true {
            let text = follower.poll()
            if text.isEmpty { break }
            runtime.post(keyLog: text, lines: text.split(separator: "\n").count)
        }

        // --follow: the consent file's records, now and as they are appended, go into the timeline.
        var consentFollower: ConsentFileFollower?
        if cfg.follow == true, let path = cfg.consent {
            let f = ConsentFileFollower(source: ConsentFileSource(path: path)) { batch in
                for p in batch.problems { printError("consenttap: \(path): \(p)") }
                let records = batch.records
                guard !records.isEmpty else { return }
                box.update { a in for r in records { a.consent?.timeline.add(r) } }
            }
            f.pollOnce()
            f.start()
            consentFollower = f
        }

        // The consent endpoint: records go to the store (when configured) and into the workers' timeline.
        let consentServer = try startConsentEndpoint(cfg, box: box)

        var runOptions = HTTPRunOptions()
        runOptions.retainedBodyBytes = 1 << 20
        runOptions.learnHostsFromDNS = true
        runOptions.tlsLimits = TLSConnection.Limits()   // records wait for keys logged late
        let keyWait = Int64(cfg.keyWaitMs ?? (keylogPaths.isEmpty ? 0 : 200)) * 1_000_000
        runtime.start(options: runOptions, keyWait: keyWait, grace: Int64(cfg.graceSeconds ?? 0) * 1_000_000_000)
        let serverThread = server.map { s in LiveThread.spawn(name: "ct-metrics") { s.run() } }
        printError("consenttap: live on \(cfg.interfaces.joined(separator: ", ")) with \(runtime.workers.count) worker(s)"
                   + (server.map { " metrics on port \($0.port)" } ?? ""))

        var current = cfg
        let statsEvery = Int64(cfg.statsInterval ?? 60) * 1_000_000_000
        var lastStats = wallClock()
        var exitError: String?
        mainLoop: while true {
            var timeout = timespec(tv_sec: 0, tv_nsec: 20_000_000)  // key logs are polled at 50 Hz
            let received = sigtimedwait(&signals, nil, &timeout)
            switch received {
            case SIGINT, SIGTERM:
                printError("consenttap: \(received == SIGINT ? "SIGINT" : "SIGTERM"): draining queues")
                break mainLoop
            case SIGHUP:
                current = reload(current: current, flags: flags, hashKey: hashKey, runtime: runtime, follower: &follower)
            default:
                break
            }
            let text = follower.poll()
            if !text.isEmpty { runtime.post(keyLog: text, lines: text.split(separator: "\n").count) }
            let now = wallClock()
            if statsEvery > 0, now.nanoseconds - lastStats.nanoseconds >= statsEvery {
                printError("consenttap: " + runtime.snapshot().logLine)
                lastStats = now
            }
            if runtime.capturesEnded {
                exitError = runtime.dispatchers.compactMap { (d: CaptureDispatcher) in d.endError }.joined(separator: "; ")
                printError("consenttap: every capture ended" + (exitError!.isEmpty ? "" : ": " + exitError!))
                break mainLoop
            }
        }
        runtime.shutdown()
        consentFollower?.stop()
        consentServer?.stop()
        alerts?.close()
        server?.stop()
        serverThread?.join()
        printError("consenttap: stopped: " + runtime.snapshot().logLine)
        if let exitError, !exitError.isEmpty { throw ExitCode(3) }
    }

    /// SIGHUP: re-reads the config file, catalogs, policy and consent feed; keeps the old settings
    /// when anything is refused. Flows, key logs and the hash key are kept; capture settings need a restart.
    private func reload(current: LiveConfig, flags: LiveConfig, hashKey: [UInt8], runtime: LiveRuntime,
                        follower: inout KeyLogFollower) -> LiveConfig {
        do {
            let next = try LiveLoading.effectiveConfig(flags: flags, file: config)
            let key = next.hashKeyFile != current.hashKeyFile ? try LiveLoading.hashKey(next, fallback: hashKey) : hashKey
            var analysis = try LiveLoading.analysis(next, hashKey: key)
            if next.follow == true, current.follow == true, next.consent == current.consent {
                // The followed timeline carries over (the follower keeps reading the same file).
                analysis.consent?.timeline = runtime.analysis.load().0.consent?.timeline ?? ConsentTimeline()
            }
            runtime.analysis.replace(analysis)
            if next.interfaces != current.interfaces || next.bpf != current.bpf || next.snaplen != current.snaplen
                || next.workers != current.workers || next.bufferSize != current.bufferSize || next.metrics != current.metrics
                || next.alert != current.alert || next.follow != current.follow || next.consent != current.consent && next.follow == true {
                printError("consenttap: reload: capture, worker, metrics, alert and consent-follow settings change on restart only")
            }
            let newPaths = next.keylog.filter { !follower.paths.contains($0) }
            if !newPaths.isEmpty { follower = KeyLogFollower(paths: follower.paths + newPaths, startAtEnd: false) }
            runtime.noteReload(ok: true)
            printError("consenttap: reloaded (SIGHUP)")
            return next
        } catch {
            runtime.noteReload(ok: false)
            printError("consenttap: reload refused, keeping the previous settings: \(error)")
            return current
        }
    }
}

extension LiveCommand {
    /// Starts `POST /v1/consent` inside the live process when `consent_listen` is set: accepted records
    /// are stored (with `consent_db`) and added to the timeline the workers judge with, at once.
    func startConsentEndpoint(_ cfg: LiveConfig, box: AnalysisBox) throws -> ConsentHTTPServer? {
        guard let listen = cfg.consentListen, let address = MetricsAddress(listen) else { return nil }
        let tokenText = try readSecret(file: cfg.consentTokenFile, environment: "CONSENTTAP_CONSENT_TOKEN",
                                       what: "consent token file")
        guard let tokenText, let token = BearerToken(tokenText) else {
            printError("consenttap: error: consent_listen needs a bearer token (consent_token_file or CONSENTTAP_CONSENT_TOKEN)")
            throw ExitCode(2)
        }
        var store: ConsentStore?
        if let db = cfg.consentDB {
            do { store = try ConsentStore(path: db) } catch {
                printError("consenttap: error: consent store \(db): \(error)")
                throw ExitCode(2)
            }
        }
        let handler = ConsentIngestHandler(token: token) { [store] entries in
            let result = try store?.ingest(entries, channel: "http", receivedAt: wallClock())
                ?? ConsentStore.IngestResult(inserted: entries.count, duplicates: 0)
            let records = entries.map(\.record)
            box.update { a in for r in records { a.consent?.timeline.add(r) } }
            return result
        }
        let server = ConsentHTTPServer(configuration: .init(host: address.host, port: address.port), handler: handler)
        do { try server.start() } catch {
            printError("consenttap: error: consent endpoint on \(listen): \(error)")
            throw ExitCode(2)
        }
        printError("consenttap: consent endpoint on http://\(listen)/v1/consent")
        return server
    }
}
