import ArgumentParser
import Capture
import Engine

/// `consenttap tls FILE...`: one JSON line per TLS connection, with or without keys.
struct TLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls",
        abstract: "List every TLS connection: SNI, version, cipher, ALPN, JA4, and whether it was decrypted.",
        discussion: """
        TLS is recognised by its bytes on any port. With --keylog (or SSLKEYLOGFILE, or secrets embedded in a \
        pcapng file) connections are decrypted; otherwise 'reason' says why not: no_key, unsupported_suite, \
        decrypt_error or gap.
        """
    )

    @Argument(help: "pcap or pcapng files; '-' reads standard input.")
    var files: [String]

    @OptionGroup var keys: KeyLogOptions

    @Flag(help: "No summary on stderr.")
    var quiet = false

    func run() throws {
        let keyLog = try keys.load()
        let out = OutputStream(fd: 1)
        var json = JSONWriter()
        let progress = ProgressBar.forStandardError()
        let summary: RunSummary
        do {
            summary = try HTTPPipeline.run(paths: files, keyLog: keyLog, progress: progress?.update, onTLS: { row in
                json.reset()
                row.write(to: &json)
                out.write(json.bytes)
                out.write([0x0A])
            }, onRequest: { _ in })
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

/// Prints the run summary and turns capture damage into exit status 3.
func finishRun(_ summary: RunSummary, quiet: Bool) throws {
    if !quiet { for line in summary.lines { printError(line) } }
    if !summary.captureErrors.isEmpty {
        for e in summary.captureErrors { printError("consenttap: error: \(e)") }
        throw ExitCode(3)
    }
}
