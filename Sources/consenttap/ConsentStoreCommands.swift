import ArgumentParser
import Foundation
import Consent
import ConsentStore
import Primitives
#if canImport(Glibc)
import Glibc
#endif

/// `consenttap consent import --db PATH FILE`: add a consent feed file to the consent store.
struct ConsentImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the records of a consent feed file (JSON Lines, docs/CONSENT.md) to a consent store (SQLite).",
        discussion: "Malformed lines are reported with their line numbers and skipped; a record already stored is not stored twice."
    )
    @Option(help: ArgumentHelp("Consent store (SQLite file; created if missing).", valueName: "path")) var db: String
    @Argument(help: "Consent feed file.") var file: String

    func run() throws {
        do {
            let batch = try ConsentFileSource.readAll(path: file)
            for p in batch.problems { printError("consenttap: \(file): \(p)") }
            let store = try ConsentStore(path: db)
            let result = try store.ingest(batch.entries, channel: "import", receivedAt: .zero)
            printError("consenttap: \(result.inserted) records added, \(result.duplicates) already stored; \((try? store.storedCount()) ?? 0) in \(db)")
        } catch {
            printError("consenttap: error: \(error)")
            throw ExitCode(2)
        }
    }
}

/// `consenttap consent serve`: the HTTP endpoint that receives consent records for live use.
struct ConsentServe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Receive consent records over HTTP (POST /v1/consent, bearer token) into a consent store (SQLite).",
        discussion: """
        Body: a JSON object, a JSON array or JSON Lines in the feed format (docs/CONSENT.md). Answers 200 with counts, \
        401 without the right 'Authorization: Bearer TOKEN', 400 listing malformed lines (nothing of that batch is stored), \
        413 over the size cap. GET /healthz answers without a token. Runs until SIGINT or SIGTERM.
        """
    )
    @Option(help: ArgumentHelp("Consent store (SQLite file; created if missing).", valueName: "path")) var db: String
    @Option(help: ArgumentHelp("Address to listen on.", valueName: "host:port")) var listen = "127.0.0.1:8787"
    @Option(help: ArgumentHelp("File holding the bearer token. Also CONSENTTAP_CONSENT_TOKEN.", valueName: "file"))
    var tokenFile: String?

    func run() throws {
        let tokenText = try readSecret(file: tokenFile, environment: "CONSENTTAP_CONSENT_TOKEN", what: "token file")
        guard let tokenText, let token = BearerToken(tokenText) else {
            printError("consenttap: error: a bearer token is required (--token-file or CONSENTTAP_CONSENT_TOKEN)")
            throw ExitCode(2)
        }
        guard let colon = listen.lastIndex(of: ":"), let port = UInt16(listen[listen.index(after: colon)...]) else {
            printError("consenttap: error: --listen must be host:port, not '\(listen)'")
            throw ExitCode(2)
        }
        let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        do {
            let store = try ConsentStore(path: db)
            let handler = ConsentIngestHandler(token: token) { entries in
                try store.ingest(entries, channel: "http", receivedAt: WallClock.now())
            }
            let server = ConsentHTTPServer(configuration: .init(host: host, port: port), handler: handler)
            // Block the stop signals before threads start, so that only sigwait below receives them.
            var signals = sigset_t()
            sigemptyset(&signals)
            sigaddset(&signals, SIGINT)
            sigaddset(&signals, SIGTERM)
            pthread_sigmask(SIG_BLOCK, &signals, nil)
            try server.start()
            printError("consenttap: consent endpoint on http://\(listen)/v1/consent, store \(db) (\((try? store.storedCount()) ?? 0) records)")
            var received: Int32 = 0
            sigwait(&signals, &received)
            server.stop()
            printError("consenttap: stopped (signal \(received)); \((try? store.storedCount()) ?? 0) records in \(db)")
        } catch {
            printError("consenttap: error: \(error)")
            throw ExitCode(2)
        }
    }
}

/// Wall-clock time, read at the edge only (when a record was received).
enum WallClock {
    static func now() -> Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(seconds: Int64(ts.tv_sec), nanoseconds: Int64(ts.tv_nsec))
    }
}
