import Foundation
import Testing
import Engine

/// Locates `../shared/captures` beside the checkout. Tests that need it fail loudly when it is missing.
enum SharedCaptures {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let root: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/captures")

    /// The directory, or a recorded test failure saying it is absent.
    static func directory(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
        let dir = root.appendingPathComponent(name)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            Issue.record("shared captures missing at \(dir.path): these conformance tests cannot run",
                         sourceLocation: sourceLocation)
            return nil
        }
        return dir
    }

    static func files(in dir: URL, suffix: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { dir.appendingPathComponent($0) }
    }

    static func json(_ url: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: url)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func jsonLines(_ url: URL) throws -> [[String: Any]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }
}

/// Runs `consenttap http`'s pipeline in-process and returns its rows and summary.
func runHTTP(_ paths: [String], options: HTTPRunOptions = HTTPRunOptions()) throws -> ([HTTPLogRecord], RunSummary) {
    var rows: [HTTPLogRecord] = []
    let summary = try HTTPPipeline.run(paths: paths, options: options) { rows.append($0) }
    return (rows, summary)
}
