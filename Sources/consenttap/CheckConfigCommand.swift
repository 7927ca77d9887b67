import ArgumentParser
import Live

/// `consenttap check-config FILE`: validates a `live` config file without capturing.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a live config file: FILE:LINE:COLUMN: problem for each problem, exit 2 if any.",
        discussion: """
        Checks YAML syntax, setting names, types and ranges, then loads what the file names (catalogs, policy, \
        consent feed, hash key file) as `live` would. Exit 0 when the file is usable.
        """
    )

    @Argument(help: "The YAML config file.")
    var file: String

    func run() throws {
        let text: String
        do { text = try LiveLoading.readText(file, what: "config") } catch {
            printError("consenttap: error: \(error)")
            throw ExitCode(2)
        }
        let (config, errors) = LiveConfigParser.parse(text)
        for e in errors { printError("\(file):\(e.line):\(e.column): \(e.message)") }
        guard errors.isEmpty else { throw ExitCode(2) }
        var checked = config
        if checked.interfaces.isEmpty {
            printError("\(file): note: no interfaces: -i must be given on the command line")
            checked.interfaces = ["-"]
        }
        if let problem = checked.problem() {
            printError("\(file): \(problem)")
            throw ExitCode(2)
        }
        do {
            _ = try LiveLoading.analysis(checked, hashKey: try LiveLoading.hashKey(checked, fallback: [0]))
        } catch {
            printError("\(file): \(error)")
            throw ExitCode(2)
        }
        print("\(file): ok")
    }
}
