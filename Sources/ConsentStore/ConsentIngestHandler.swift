import Consent
import Primitives

/// The logic of the consent endpoint, without sockets: routes, authentication, body decoding and
/// the JSON answers. `ConsentHTTPServer` calls `precheck` after the head and `handle` after the
/// body.
///
/// Routes: `POST /v1/consent` (bearer token required) and `GET /healthz` (no token). Answers, all
/// JSON: 200 `{"accepted","stored","duplicates","warnings","warningCount"}`; 400 malformed (head,
/// framing, empty body, any bad record: `errors` lists `{"line","message"}` (the first 100;
/// `errorCount` has the total) and nothing is stored: a batch is all or nothing); 401 missing
/// or wrong token (with `WWW-Authenticate: Bearer`); 404 unknown path; 405 wrong method (with `Allow`); 411 POST without a length; 413 body over
/// `maxBodyBytes`; 500 when the store fails. Body: a JSON object, a JSON array of objects
/// (`line` is then the 1-based element number), or JSON Lines. Messages never echo record values.
package struct ConsentIngestHandler: Sendable {
    package struct Response: Equatable, Sendable {
        package var status: Int
        package var headers: [(String, String)]
        package var body: String

        package init(status: Int, headers: [(String, String)] = [], body: String) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        package static func == (a: Response, b: Response) -> Bool {
            a.status == b.status && a.body == b.body && a.headers.map(\.0) == b.headers.map(\.0)
                && a.headers.map(\.1) == b.headers.map(\.1)
        }
    }

    package typealias Ingest = @Sendable ([ConsentFeedEntry]) throws -> ConsentStore.IngestResult

    package static let ingestPath = "/v1/consent"
    package static let healthPath = "/healthz"

    package let token: BearerToken
    package let maxBodyBytes: Int
    package let maxLineLength: Int
    private let ingest: Ingest

    package init(token: BearerToken, maxBodyBytes: Int = 8 << 20, maxLineLength: Int = ConsentFeedParser.maxLineLength,
                 ingest: @escaping Ingest) {
        self.token = token
        self.maxBodyBytes = maxBodyBytes
        self.maxLineLength = maxLineLength
        self.ingest = ingest
    }

    /// Decides from the head alone: a final answer, or nil to read the body (`expectsBody`) or to
    /// call `handle` with an empty body.
    func precheck(_ head: HTTPRequestHead) -> Response? {
        switch head.path {
        case Self.healthPath:
            guard head.method == "GET" || head.method == "HEAD" else { return Self.methodNotAllowed("GET") }
            return nil
        case Self.ingestPath:
            guard head.method == "POST" else { return Self.methodNotAllowed("POST") }
            guard token.accepts(authorization: head.header("authorization")) else {
                let missing = head.header("authorization") == nil
                return Self.error(401, "unauthorized",
                                  missing ? "missing bearer token" : "wrong bearer token",
                                  extra: [("WWW-Authenticate", "Bearer realm=\"consenttap\"")])
            }
            switch head.framing {
            case .none: return Self.error(411, "length_required", "POST needs Content-Length or chunked encoding")
            case .contentLength(let n) where n > maxBodyBytes: return tooLarge
            case .contentLength, .chunked: return nil
            }
        default:
            return Self.error(404, "not_found", "no such path; use POST \(Self.ingestPath) or GET \(Self.healthPath)")
        }
    }

    var tooLarge: Response { Self.error(413, "too_large", "body larger than \(maxBodyBytes) bytes") }

    /// The answer for a request whose `precheck` returned nil.
    func handle(_ head: HTTPRequestHead, body: [UInt8]) -> Response {
        if head.path == Self.healthPath { return Response(status: 200, body: #"{"status":"ok"}"#) }
        let batch = Self.decode(body: body, maxLineLength: maxLineLength)
        let errors = batch.problems.filter { $0.severity == .error }
        let warnings = batch.problems.filter { $0.severity == .warning }
        if batch.entries.isEmpty && errors.isEmpty {
            return Self.error(400, "malformed", "empty body: no consent record")
        }
        guard errors.isEmpty else {
            let rejected = Set(errors.map(\.line)).count
            var o = Self.problemsJSON(errors: errors, warnings: warnings)
            o["error"] = .string("malformed")
            o["message"] = .string("\(rejected) record(s) malformed; nothing was stored")
            return Response(status: 400, body: ConsentJSON.object(o).json)
        }
        do {
            let r = try ingest(batch.entries)
            var o = Self.problemsJSON(errors: [], warnings: warnings)
            o.removeValue(forKey: "errors")
            o.removeValue(forKey: "errorCount")
            o["accepted"] = .int(batch.entries.count)
            o["stored"] = .int(r.inserted)
            o["duplicates"] = .int(r.duplicates)
            return Response(status: 200, body: ConsentJSON.object(o).json)
        } catch {
            return Self.error(500, "store_failed", "the consent store failed; nothing was stored")
        }
    }

    /// Decodes a request body: a JSON object, a JSON array of objects, or JSON Lines.
    package static func decode(body: [UInt8], maxLineLength: Int) -> ConsentFeedBatch {
        var batch = ConsentFeedBatch()
        let first = body.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        if first == UInt8(ascii: "[") {
            let text = String(decoding: body, as: UTF8.self)
            let value: ConsentJSON
            do { value = try ConsentJSON.parse(text) } catch {
                batch.problems.append(IngestProblem(line: lineOf(offset: error.offset, in: body), severity: .error,
                                                  message: "malformed JSON array: \(error.message)"))
                return batch
            }
            for (i, element) in (value.arrayValue ?? []).enumerated() {
                guard case .object = element else {
                    batch.problems.append(IngestProblem(line: i + 1, severity: .error, message: "a record must be a JSON object"))
                    continue
                }
                let (entry, problems) = ConsentFeedEntry.parse(line: element.json, number: i + 1)
                batch.problems += problems
                if let entry { batch.entries.append(entry) }
            }
            return batch
        }
        if first == UInt8(ascii: "{"), let value = try? ConsentJSON.parse(String(decoding: body, as: UTF8.self)),
           case .object = value {
            let (entry, problems) = ConsentFeedEntry.parse(line: value.json, number: 1)
            batch.problems += problems
            if let entry { batch.entries.append(entry) }
            return batch
        }
        var splitter = FeedLineSplitter(maxLineLength: maxLineLength)
        for line in splitter.feed(body) + splitter.finish() {
            switch line {
            case .tooLong(let n):
                batch.problems.append(IngestProblem(line: n, severity: .error, message: "line longer than \(maxLineLength) bytes"))
            case .text(let n, let text):
                let (entry, problems) = ConsentFeedEntry.parse(line: text, number: n)
                batch.problems += problems
                if let entry { batch.entries.append(entry) }
            }
        }
        return batch
    }

    private static func lineOf(offset: Int?, in body: [UInt8]) -> Int {
        guard let offset else { return 1 }
        return 1 + body.prefix(max(0, offset)).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// At most this many errors and warnings are listed in an answer (the totals are always given).
    package static let maxListedProblems = 100

    private static func problemsJSON(errors: [IngestProblem], warnings: [IngestProblem]) -> [String: ConsentJSON] {
        func list(_ p: [IngestProblem]) -> ConsentJSON {
            .array(p.prefix(maxListedProblems).map { .object(["line": .int($0.line), "message": .string($0.message)]) })
        }
        return ["errors": list(errors), "warnings": list(warnings), "errorCount": .int(errors.count),
                "warningCount": .int(warnings.count)]
    }

    static func methodNotAllowed(_ allow: String) -> Response {
        error(405, "method_not_allowed", "use \(allow)", extra: [("Allow", allow)])
    }

    static func error(_ status: Int, _ code: String, _ message: String, extra: [(String, String)] = []) -> Response {
        Response(status: status, headers: extra,
                 body: ConsentJSON.object(["error": .string(code), "message": .string(message)]).json)
    }
}
