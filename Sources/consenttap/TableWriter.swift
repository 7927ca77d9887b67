import Engine

/// Fixed-width columns for people reading `--format table`.
struct TableWriter {
    var header: String {
        pad("TIME", 27) + pad("CLIENT", 22) + pad("SERVER", 22) + pad("VER", 4) + pad("METHOD", 8)
            + pad("STATUS", 7) + pad("BODY", 9) + "HOST/PATH\n"
    }

    func row(_ r: HTTPLogRecord) -> String {
        var target = r.path.hasPrefix("/") ? (r.host ?? "-") + r.path : r.path
        if target.count > 100 { target = String(target.prefix(97)) + "..." }
        return pad(r.firstPacket.time.rfc3339, 27) + pad(r.client.description, 22) + pad(r.server.description, 22)
            + pad(r.httpVersion, 4) + pad(r.method, 8) + pad(r.status.map(String.init) ?? "-", 7)
            + pad(String(r.bodyLength), 9) + target + (r.gaps ? "  [gaps]" : "") + "\n"
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? String(s.prefix(width - 1)) + " " : s + String(repeating: " ", count: width - s.count)
    }
}
