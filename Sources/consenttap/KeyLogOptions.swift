import ArgumentParser
import Foundation
import TLS

/// `--keylog FILE` (repeatable) and the `SSLKEYLOGFILE` environment variable: NSS key logs.
struct KeyLogOptions: ParsableArguments {
    @Option(name: .customLong("keylog"), help: ArgumentHelp(
        "NSS key log file (SSLKEYLOGFILE format); repeatable. SSLKEYLOGFILE in the environment is read too.",
        valueName: "file"))
    var files: [String] = []

    /// Reads every key log named; unreadable files are an error (exit 2), malformed lines are counted.
    func load() throws -> KeyLog {
        let keyLog = KeyLog()
        var paths = files
        if let env = ProcessInfo.processInfo.environment["SSLKEYLOGFILE"], !env.isEmpty, !paths.contains(env) {
            paths.append(env)
        }
        for path in paths {
            keyLog.add(text: String(decoding: try readInputFile(path, what: "key log"), as: UTF8.self))
        }
        return keyLog
    }
}
