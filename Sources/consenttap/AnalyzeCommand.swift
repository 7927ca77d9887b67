import Foundation
import ArgumentParser
import Capture
import Catalog
import Classify
import Consent
import Engine
import Live
import Alerts

/// `consenttap analyze FILE...`: one JSON line per forward to a tracker, with its personal data.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Find forwards to trackers in captures: recipient, personal data (redacted), consent verdict.",
        discussion: """
        Every HTTP request (plaintext, or TLS decrypted with --keylog) to a catalog vendor, or carrying personal \
        data to a host that is neither in the catalog nor first-party (vendor 'unknown'), is one forward; TLS \
        connections to catalog vendors without keys are forwards whose payload is not visible. Values are masked \
        and keyed-hashed; never raw unless --raw-evidence. With --consent, each forward gets a verdict.
        """
    )

    @Argument(help: "pcap or pcapng files; '-' reads standard input.")
    var files: [String]

    @OptionGroup var keys: KeyLogOptions
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var hashKey: HashKeyOptions
    @OptionGroup var consentOptions: ConsentOptions
    @OptionGroup var alertOptions: AlertOptions

    @Option(name: .customLong("first-party"), help: ArgumentHelp("Your own domain (and its subdomains); repeatable.", valueName: "domain"))
    var firstParty: [String] = []

    @Flag(help: "Also write raw values (raw_value) next to the masked ones: personal data in the output.")
    var rawEvidence = false

    @Option(help: "Output format: json (JSON Lines) or table.")
    var format: OutputFormat = .json

    @Flag(help: "No summary on stderr.")
    var quiet = false

    @Option(help: ArgumentHelp("Analysis threads beside the packet thread (default: one per core, at least 1).", valueName: "n"))
    var threads: Int?

    private var analysisThreads: Int { max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount) }

    func run() throws {
        let keyLog = try keys.load()
        var options = AnalyzeOptions(catalog: try catalogOptions.load(), hashKey: try hashKey.load())
        options.firstPartyDomains = firstParty.map { VendorCatalog.normalise(host: $0) }
        options.rawEvidence = rawEvidence
        let consent = try consentOptions.load(redactor: IdentifierRedactor(key: options.hashKey))
        options.extractInBandSignals = consent != nil
        let alerts = try alertOptions.makeDispatcher()
        if alerts != nil, consent == nil {
            printError("consenttap: note: --alert needs --consent or --consent-db to judge forwards; no alert will be sent")
        }
        let out = OutputStream(fd: 1)
        // One analyzer per worker: each keeps its own memo, without sharing a lock per field.
        let emitter = ForwardEmitter(analyzers: (0..<analysisThreads).map { _ in ForwardAnalyzer(options: options) },
                                     consent: consent, alerts: alerts, format: format, out: out)
        if format == .table { out.write(ForwardTable.header) }
        let progress = ProgressBar.forStandardError()
        var pipelineRef: HTTPPipeline?
        // Analysis runs on worker threads while this one decodes packets; output keeps capture order.
        let handoff = OrderedHandoff<ForwardEmitter.Item, ForwardEmitter.Output?>(
            name: "analyze", workers: analysisThreads, transform: { emitter.analyze($0, worker: $1) }, deliver: { emitter.deliver($0) })

        var runOptions = HTTPRunOptions()
        runOptions.retainedBodyBytes = 1 << 20
        runOptions.learnHostsFromDNS = true
        let summary: RunSummary
        do {
            let reader = try CaptureReader(paths: files)
            let pipeline = HTTPPipeline(options: runOptions, keyLog: keyLog, onTLS: { row in
                handoff.submit(.tls(row, learnedHost: pipelineRef?.hosts.name(for: row.server.address, before: row.firstPacket)))
            }, onRequest: { request in
                handoff.submit(.request(request, learnedHost: pipelineRef?.hosts.name(for: request.server.address,
                                                                                      before: request.firstPacket)),
                               bytes: request.body.count)
            })
            pipelineRef = pipeline
            var s = HTTPPipeline.drive(pipeline, reader: reader, progress: progress?.update)
            s.captureErrors = reader.errors
            summary = s
        } catch {
            handoff.finish()
            progress?.clear()
            out.flush()
            printError("consenttap: error: \(error)")
            throw ExitCode(2)
        }
        handoff.finish()
        progress?.clear()
        alerts?.close()
        if format == .table { out.write(emitter.tally.lines.joined(separator: "\n") + "\n") }
        out.flush()
        if !quiet, format == .json { for line in emitter.tally.lines { printError(line) } }
        try finishRun(summary, quiet: quiet)
    }
}

/// The consumer side of `analyze`: `analyze` turns a request or TLS row into a forward, judges it
/// against consent and serialises it (thread-safe, runs on several workers at once); `deliver`
/// counts, alerts and writes, one result at a time in capture order (the hand-off guarantees it;
/// the tally is read after the hand-off has finished).
final class ForwardEmitter: @unchecked Sendable {
    enum Item: Sendable {
        case request(HTTPLogRecord, learnedHost: String?)
        case tls(TLSLogRecord, learnedHost: String?)
    }

    struct Output {
        var forward: ForwardRecord
        /// The row, without its line feed (JSON, or a table row).
        var line: Line
    }

    enum Line {
        case json(JSONWriter)
        case text(String)
    }

    private let analyzers: [ForwardAnalyzer]
    private let consent: (ConsentEvaluator, ConsentTimeline)?
    private let alerts: AlertDispatcher?
    private let format: OutputFormat
    private let out: OutputStream
    private(set) var tally = ForwardTally()

    init(analyzers: [ForwardAnalyzer], consent: (ConsentEvaluator, ConsentTimeline)?, alerts: AlertDispatcher?,
         format: OutputFormat, out: OutputStream) {
        precondition(!analyzers.isEmpty)
        self.analyzers = analyzers
        self.consent = consent
        self.alerts = alerts
        self.format = format
        self.out = out
    }

    /// Runs on worker `worker` (its own analyzer).
    func analyze(_ item: Item, worker: Int) -> Output? {
        let analyzer = analyzers[worker % analyzers.count]
        let found: ForwardRecord?
        switch item {
        case .request(let request, let learnedHost): found = analyzer.analyze(request, learnedHost: learnedHost)
        case .tls(let row, let learnedHost): found = analyzer.analyze(tls: row, learnedHost: learnedHost)
        }
        guard var forward = found else { return nil }
        if let (evaluator, timeline) = consent {
            forward.verdict = evaluator.evaluate(ConsentForward(
                category: forward.purpose ?? "unknown", time: forward.firstPacket.time, subjects: forward.subjects,
                hasPersonalData: !forward.personalData.isEmpty, inBand: forward.inBand,
                tcfVendorId: forward.tcfVendorID), timeline: timeline)
        }
        switch format {
        case .json:
            var json = JSONWriter()
            forward.write(to: &json)
            return Output(forward: forward, line: .json(json))
        case .table:
            return Output(forward: forward, line: .text(ForwardTable.row(forward)))
        }
    }

    func deliver(_ output: Output?) {
        guard let output else { return }
        tally.add(output.forward)
        if let alerts, let alert = output.forward.alert(subjectKey: analyzers[0].options.hashKey) { alerts.post(alert) }
        switch output.line {
        case .json(let json): json.withBytes { out.writeLine($0) }
        case .text(let row): out.write(row)
        }
    }
}

/// Forwards per vendor and findings per category, for the end-of-run summary.
struct ForwardTally {
    private var vendors: [String: (forwards: Int, categories: [PIICategory: Int], verdicts: [String: Int])] = [:]

    mutating func add(_ f: ForwardRecord) {
        func count(_ e: inout (forwards: Int, categories: [PIICategory: Int], verdicts: [String: Int])) {
            e.forwards += 1
            for p in f.personalData { e.categories[p.category, default: 0] += 1 }
            if let v = f.verdict { e.verdicts[v.verdict.rawValue, default: 0] += 1 }
        }
        count(&vendors[f.vendor, default: (0, [:], [:])])   // one lookup of the vendor per forward
    }

    var lines: [String] {
        var out = ["forwards by vendor:"]
        for (vendor, e) in vendors.sorted(by: { $0.key < $1.key }) {
            let cats = e.categories.map { ($0.key.rawValue, $0.value) }.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }
                .joined(separator: " ")
            let verdicts = e.verdicts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            out.append("  \(vendor): \(e.forwards) forwards" + (cats.isEmpty ? "" : "; " + cats) + (verdicts.isEmpty ? "" : "; verdicts " + verdicts))
        }
        return out
    }
}

/// Fixed-width rows of `analyze --format table`.
enum ForwardTable {
    static let header = pad("TIME", 27) + pad("VENDOR", 26) + pad("VERDICT", 18) + pad("PII", 5) + "HOST/PATH\n"

    static func row(_ f: ForwardRecord) -> String {
        let path = f.path ?? (f.payloadVisible ? "" : " (payload not visible)")
        var target = path.hasPrefix("/") || !f.payloadVisible ? (f.host ?? "-") + path : path
        if target.count > 90 { target = String(target.prefix(87)) + "..." }
        return pad(f.firstPacket.time.rfc3339, 27) + pad(f.vendor, 26) + pad(f.verdict?.verdict.rawValue ?? "-", 18)
            + pad(String(f.personalData.count), 5) + target + "\n"
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? String(s.prefix(width - 1)) + " " : s + String(repeating: " ", count: width - s.count)
    }
}
