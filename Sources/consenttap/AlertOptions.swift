import ArgumentParser
import Foundation
import Alerts
import Consent
import Engine

/// `--alert SPEC` (repeatable) and its settings: where alerts on unconsented forwards go.
struct AlertOptions: ParsableArguments {
    @Option(name: .customLong("alert"), help: ArgumentHelp(
        "Alert sink for unconsented forwards (violation, no_consent_record): stdout, file:PATH, syslog[:IDENT] or webhook:http://HOST[:PORT]/PATH; repeatable.",
        valueName: "sink"))
    var sinks: [String] = []

    @Option(help: ArgumentHelp("File holding the webhook's HMAC secret (X-ConsentTap-Signature). Also CONSENTTAP_WEBHOOK_SECRET.",
                               valueName: "file"))
    var webhookSecretFile: String?

    @Option(help: "Repeats of one alert (vendor, rule, subjects) within this many seconds are counted, not sent.")
    var alertWindow: Double = 300

    /// The dispatcher, or nil without `--alert`.
    func makeDispatcher() throws -> AlertDispatcher? {
        guard !sinks.isEmpty else { return nil }
        let secret = try readSecret(file: webhookSecretFile, environment: "CONSENTTAP_WEBHOOK_SECRET", what: "webhook secret")
        do {
            let specs = try AlertSinkSpec.parseAll(sinks)
            let made = try specs.map { spec throws(AlertsError) in try spec.makeSink(webhookSecret: secret) }
            return AlertDispatcher(sinks: made, dedupWindowSeconds: alertWindow, log: { printError($0) })
        } catch {
            printError("consenttap: error: \(error)")
            throw ExitCode(2)
        }
    }
}

extension ForwardRecord {
    /// The alert for this forward when its verdict says it was not consented, else nil.
    func alert(subjectKey: [UInt8]) -> Alert? {
        guard let verdict, verdict.verdict == .violation || verdict.verdict == .noConsentRecord else { return nil }
        let request = RequestSummary(host: host ?? server.description, method: method ?? "-", target: path ?? "")
        return Alert(verdict: verdict, vendor: vendor, time: firstPacket.time, request: request,
                     identifiers: Array(subjects.joined()), subjectKey: subjectKey,
                     counts: ["personal_data": personalData.count])
    }
}
