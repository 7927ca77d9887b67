import Foundation
import Catalog
import Consent
import Engine
import Live
import ConsentStore

/// Builds what `live` judges forwards with from a `LiveConfig` (at start and on every reload).
/// Problems are thrown as text (the caller decides: exit 2 at start, keep the old settings on reload).
enum LiveLoading {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func readText(_ path: String, what: String) throws(Failure) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "cannot read \(what) \(path)") }
        return String(decoding: data, as: UTF8.self)
    }

    /// The config file merged under the flags, checked.
    static func effectiveConfig(flags: LiveConfig, file: String?) throws(Failure) -> LiveConfig {
        var config = flags
        if let file {
            let (parsed, errors) = LiveConfigParser.parse(try readText(file, what: "config"))
            if !errors.isEmpty { throw Failure(description: errors.map { "\(file):\($0.line):\($0.column): \($0.message)" }.joined(separator: "\n")) }
            config = parsed.overridden(by: flags)
        }
        if let problem = config.problem() { throw Failure(description: problem) }
        return config
    }

    /// The hash key: from the file, else CONSENTTAP_HASH_KEY, else `fallback` (kept across reloads).
    static func hashKey(_ config: LiveConfig, fallback: [UInt8]?) throws(Failure) -> [UInt8] {
        if let path = config.hashKeyFile {
            guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else {
                throw Failure(description: "cannot read hash key \(path) (or it is empty)")
            }
            return Array(data)
        }
        if let env = ProcessInfo.processInfo.environment["CONSENTTAP_HASH_KEY"], !env.isEmpty { return Array(env.utf8) }
        if let fallback { return fallback }
        printError("consenttap: note: no hash_key_file: identifiers are hashed with a random key made for this run only")
        var rng = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    /// With `config.follow`, the consent file is not read here: its follower delivers every record.
    static func analysis(_ config: LiveConfig, hashKey: [UInt8]) throws(Failure) -> LiveAnalysis {
        var catalog = CatalogParser.embedded()
        for path in config.catalog {
            do {
                for vendor in try CatalogParser.parse(try readText(path, what: "catalog"), source: path) { catalog.add(vendor) }
            } catch let e as Failure {
                throw e
            } catch {
                throw Failure(description: "catalog refused: \(error)")
            }
        }
        var options = AnalyzeOptions(catalog: catalog, hashKey: hashKey)
        options.firstPartyDomains = config.firstParty.map { VendorCatalog.normalise(host: $0) }
        options.rawEvidence = config.rawEvidence ?? false
        let analyzer = ForwardAnalyzer(options: options)
        let regimeName = config.defaultRegime ?? "opt_in"
        guard let regime = ConsentRegime(rawValue: regimeName) else {
            throw Failure(description: "default_regime must be opt_in or opt_out, not '\(regimeName)'")
        }
        var policy = ConsentPolicy.embeddedDefault
        if let path = config.policy {
            let text = try readText(path, what: "policy")
            do { policy = try ConsentPolicy.parse(json: text) } catch { throw Failure(description: "policy \(path) refused: \(error)") }
        }
        guard config.consent != nil || config.consentDB != nil else { return LiveAnalysis(analyzer: analyzer, consent: nil) }
        var records: [ConsentRecord] = []
        if let consentPath = config.consent, config.follow != true {
            let (parsed, problems) = ConsentFeedParser.parse(text: try readText(consentPath, what: "consent feed"))
            for p in problems { printError("consenttap: \(consentPath): \(p)") }
            records = parsed
        }
        if let db = config.consentDB {
            // Opened afresh at start and on every reload: rows written by `consent serve` or
            // `consent import` since then are read.
            do {
                let store = try ConsentStore(path: db)
                if !records.isEmpty {
                    _ = try store.ingest(records.map(ConsentFeedEntry.init(record:)), channel: "file", receivedAt: .zero)
                }
                records = store.snapshot().records
            } catch {
                throw Failure(description: "consent store \(db): \(error)")
            }
        }
        let redactor = IdentifierRedactor(key: hashKey)
        let evaluator = ConsentEvaluator(policy: policy, defaultRegime: regime, redact: { redactor.redact($0) })
        return LiveAnalysis(analyzer: analyzer, consent: (evaluator, ConsentTimeline(records: records)))
    }
}
