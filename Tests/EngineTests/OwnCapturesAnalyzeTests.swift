import Foundation
import Testing
@testable import Engine
import Catalog

/// `analyze` on the project's own tracker capture (`captures/trackers.pcap`, real curl / Python clients
/// posting synthetic people to local stand-ins of the vendors): every request the server logged is a
/// forward to the vendor the catalog names, carrying personal data, with credentials masked.
@Suite("Analyze: own captures")
struct OwnCapturesAnalyzeTests {
    @Test("every tracker request of captures/trackers.pcap is a forward with personal data")
    func trackers() throws {
        let dir = SharedCaptures.packageRoot.appendingPathComponent("captures")
        let truth = try SharedCaptures.json(dir.appendingPathComponent("trackers.truth.json"))
        let wanted = try #require(truth["requests"] as? [[String: Any]])
        let catalog = CatalogParser.embedded()
        let analyzer = ForwardAnalyzer(options: AnalyzeOptions(catalog: catalog, hashKey: Array("k".utf8)))
        var options = HTTPRunOptions()
        options.retainedBodyBytes = 1 << 20
        var forwards: [ForwardRecord] = []
        _ = try HTTPPipeline.run(paths: [dir.appendingPathComponent("trackers.pcap").path], options: options,
                                 onRequest: { if let f = analyzer.analyze($0, learnedHost: nil) { forwards.append(f) } })
        #expect(forwards.count == wanted.count)
        for want in wanted {
            let host = try #require(want["host"] as? String)
            let path = try #require(want["path"] as? String)
            let vendor = try #require(catalog.match(host: host, path: path)?.vendor.id, "\(host) not in the catalog")
            let pathOnly = String(path.split(separator: "?", maxSplits: 1)[0])
            guard let f = forwards.first(where: { $0.host == host && ($0.path ?? "").hasPrefix(pathOnly) && $0.client.description == want["client"] as? String }) else {
                Issue.record("no forward for \(host)\(path)")
                continue
            }
            #expect(f.vendor == vendor)
            #expect(!f.personalData.isEmpty, "\(host)\(pathOnly): no personal data found")
            #expect(!(f.path ?? "").contains("fakeSecre"), "credential left in the path")
        }
    }
}
