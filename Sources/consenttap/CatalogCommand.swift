import ArgumentParser
import Catalog

/// `consenttap catalog list|match`: show the tracker catalog.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Show the tracker catalog (embedded, plus --catalog files).",
        subcommands: [List.self, Match.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every vendor: id, purpose, TCF id, hosts.")
        @OptionGroup var catalogOptions: CatalogOptions

        func run() throws {
            let catalog = try catalogOptions.load()
            let out = OutputStream(fd: 1)
            for v in catalog.vendors {
                out.write(ForwardTable.pad(v.id, 28) + ForwardTable.pad(v.purpose.rawValue, 16)
                          + ForwardTable.pad(v.tcfVendorID.map { "tcf:\($0)" } ?? "-", 10)
                          + (v.hosts.map(\.text) + (v.anyHost ? ["(any host, by path)"] : [])).joined(separator: " ") + "\n")
            }
            out.write("\(catalog.vendors.count) vendors\n")
            out.flush()
        }
    }

    struct Match: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show which vendor receives a URL (exit status 1 when none does).")
        @Argument(help: "A URL (https://host/path?query) or host/path.") var url: String
        @OptionGroup var catalogOptions: CatalogOptions

        func run() throws {
            let catalog = try catalogOptions.load()
            var rest = Substring(url)
            if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
            let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            let host = String(rest[..<slash])
            var path = String(rest[slash...])
            if path.isEmpty || path.hasPrefix("?") { path = "/" + path }
            let out = OutputStream(fd: 1)
            defer { out.flush() }
            guard let m = catalog.match(host: host, path: path) else {
                out.write("no vendor for host \(host)\n")
                throw ExitCode(1)
            }
            let v = m.vendor
            out.write("vendor: \(v.id)\nname: \(v.name)\npurpose: \(v.purpose.rawValue)\n")
            out.write("tcf_vendor_id: \(v.tcfVendorID.map(String.init) ?? "null")\n")
            out.write("endpoint_matched: \(m.endpointMatched)\n")
            if !v.fields.isEmpty {
                out.write("fields:\n")
                for f in v.fields { out.write("  \(f.path): \(f.category)\(f.hashed.map { " (\($0))" } ?? "")\n") }
            }
        }
    }
}
