import ArgumentParser
import Foundation
import Catalog
import Consent
import ConsentStore
import Engine

/// `--catalog FILE` (repeatable): user catalogs over the embedded one.
struct CatalogOptions: ParsableArguments {
    @Option(name: .customLong("catalog"), help: ArgumentHelp(
        "Extra tracker catalog (YAML, docs/CATALOG.md); repeatable. Its vendors are added to the embedded catalog, replacing those with the same id.",
        valueName: "file"))
    var files: [String] = []

    func load() throws -> VendorCatalog {
        var catalog = CatalogParser.embedded()
        for path in files {
            let data = try readInputFile(path, what: "catalog")
            do {
                for vendor in try CatalogParser.parse(String(decoding: data, as: UTF8.self), source: path) { catalog.add(vendor) }
            } catch {
                printError("consenttap: error: catalog refused: \(error)")
                throw ExitCode(2)
            }
        }
        return catalog
    }
}

/// Where the keyed hashes' key comes from.
struct HashKeyOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "File holding the secret key of the keyed hashes (HMAC-SHA-256) in outputs. Also CONSENTTAP_HASH_KEY. Without either, a random key is made for this run only.",
        valueName: "file"))
    var hashKeyFile: String?

    func load() throws -> [UInt8] {
        if let hashKeyFile {
            guard let data = FileManager.default.contents(atPath: hashKeyFile), !data.isEmpty else {
                printError("consenttap: error: cannot read hash key \(hashKeyFile) (or it is empty)")
                throw ExitCode(2)
            }
            return Array(data)
        }
        if let env = ProcessInfo.processInfo.environment["CONSENTTAP_HASH_KEY"], !env.isEmpty { return Array(env.utf8) }
        printError("consenttap: note: no --hash-key-file: identifiers are hashed with a random key made for this run only")
        var rng = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }
}

/// `--consent`, `--policy`, `--default-regime`: what decides verdicts.
struct ConsentOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Consent feed (JSON Lines, docs/CONSENT.md); adds a verdict to every forward.", valueName: "file"))
    var consent: String?

    @Option(help: ArgumentHelp(
        "Consent store (SQLite): its records are used, and --consent records are added to it, so consent state persists across runs.",
        valueName: "path"))
    var consentDB: String?

    @Option(help: ArgumentHelp("Policy file (JSON) over the embedded default policy.", valueName: "file"))
    var policy: String?

    @Option(help: "Regime for subjects without a consent record: opt_in or opt_out.")
    var defaultRegime: String = "opt_in"

    /// The evaluator and the timeline, or nil without --consent.
    func load(redactor: IdentifierRedactor) throws -> (ConsentEvaluator, ConsentTimeline)? {
        guard let regime = ConsentRegime(rawValue: defaultRegime) else {
            printError("consenttap: error: --default-regime must be opt_in or opt_out, not '\(defaultRegime)'")
            throw ExitCode(2)
        }
        var consentPolicy = ConsentPolicy.embeddedDefault
        if let policy {
            let data = try readInputFile(policy, what: "policy")
            do {
                consentPolicy = try ConsentPolicy.parse(json: String(decoding: data, as: UTF8.self))
            } catch {
                printError("consenttap: error: policy \(policy) refused: \(error)")
                throw ExitCode(2)
            }
        }
        guard consent != nil || consentDB != nil else { return nil }
        var records: [ConsentRecord] = []
        if let consent {
            let data = try readInputFile(consent, what: "consent feed")
            let parsed = ConsentFeedParser.parse(text: String(decoding: data, as: UTF8.self))
            for p in parsed.problems { printError("consenttap: \(consent): \(p)") }
            records = parsed.records
        }
        if let consentDB {
            do {
                let store = try ConsentStore(path: consentDB)
                if !records.isEmpty {
                    let result = try store.ingest(records.map(ConsentFeedEntry.init(record:)), channel: "file", receivedAt: .zero)
                    printError("consenttap: consent store \(consentDB): \(result.inserted) records added, \(result.duplicates) already there")
                }
                records = store.snapshot().records
            } catch {
                printError("consenttap: error: consent store \(consentDB): \(error)")
                throw ExitCode(2)
            }
        }
        let evaluator = ConsentEvaluator(policy: consentPolicy, defaultRegime: regime, redact: { redactor.redact($0) })
        return (evaluator, ConsentTimeline(records: records))
    }
}
