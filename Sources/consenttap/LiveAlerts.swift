import Foundation
import Alerts
import Live

/// The alert dispatcher of `live` from its config (as `AlertOptions` does for `analyze`).
enum LiveAlerts {
    static func dispatcher(_ config: LiveConfig) throws -> AlertDispatcher? {
        guard !config.alert.isEmpty else { return nil }
        var secret = ProcessInfo.processInfo.environment["CONSENTTAP_WEBHOOK_SECRET"]
        if let path = config.webhookSecretFile {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw LiveLoading.Failure(description: "cannot read webhook secret \(path)")
            }
            secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let specs = try AlertSinkSpec.parseAll(config.alert)
        let sinks = try specs.map { spec throws(AlertsError) in try spec.makeSink(webhookSecret: secret) }
        return AlertDispatcher(sinks: sinks, dedupWindowSeconds: Double(config.alertWindow ?? 300), log: { printError($0) })
    }
}
