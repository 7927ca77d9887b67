import ArgumentParser
import Capture
import Engine
#if canImport(Glibc)
import Glibc
#endif

/// `consenttap http FILE...`: one JSON line (or table row) per HTTP request in the captures.
struct HTTPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http",
        abstract: "List every HTTP request in pcap/pcapng captures, with its response status.",
        discussion: """
        Reads the files (or '-' for standard input; several files are merged in time order), reassembles TCP, \
        decrypts TLS with the key log when it holds the connection's secrets, and parses HTTP/1.x and HTTP/2 \
        recognised by their bytes on any port. Writes one JSON object per request in order of the request's \
        first packet (schema in README.md), then a summary on stderr.
        """
    )

    @Argument(help: "pcap or pcapng files; '-' reads standard input.")
    var files: [String]

    @OptionGroup var keys: KeyLogOptions

    @Option(help: "Output format: json (JSON Lines) or table.")
    var format: OutputFormat = .json

    @Flag(help: "Add the decoded request body (base64 when not UTF-8).")
    var body = false

    @Option(help: "With --body: the most body bytes kept per request.")
    var maxBody = 1 << 20

    @Flag(help: "No summary on stderr.")
    var quiet = false

    func run() throws {
        var options = HTTPRunOptions()
        if body { options.retainedBodyBytes = max(0, maxBody) }
        let out = OutputStream(fd: 1)
        var json = JSONWriter()
        let table = TableWriter()
        if format == .table { out.write(table.header) }
        let keyLog = try keys.load()
        let progress = ProgressBar.forStandardError()
        let summary: RunSummary
        // Plain copies of the parsed options: the per-record closure does not go through their wrappers.
        let format = self.format, includeBody = body
        do {
            summary = try HTTPPipeline.run(paths: files, options: options, keyLog: keyLog, progress: progress?.update) { record in
                switch format {
                case .json:
                    json.reset()
                    record.write(to: &json, includeBody: includeBody)
                    json.withBytes { out.writeLine($0) }
                case .table:
                    out.write(table.row(record))
                }
            }
        } catch {
            progress?.clear()
            out.flush()
            printError("consenttap: error: \(error)")
            throw ExitCode(2)
        }
        progress?.clear()
        out.flush()
        try finishRun(summary, quiet: quiet)
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case json, table
}
