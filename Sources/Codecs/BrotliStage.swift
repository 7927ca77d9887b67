import CCompression

/// Brotli (RFC 7932, `br`) over the streaming `BrotliDecoderDecompressStream`.
///
/// Bytes after the end of the stream are ignored. Memory is the decoder's window (at most 16 MiB
/// for the standard window sizes) plus the scratch buffer.
final class BrotliStage: DecodeStage {
    private let state: OpaquePointer
    private let scratch: UnsafeMutableRawBufferPointer
    private var ended = false
    private var sawInput = false
    private var consumed = 0

    init?() {
        guard let s = BrotliDecoderCreateInstance(nil, nil, nil) else { return nil }
        state = s
        scratch = .allocate(byteCount: decodeStageScratchBytes, alignment: 1)
    }

    deinit {
        BrotliDecoderDestroyInstance(state)
        scratch.deallocate()
    }

    func decode(_ input: UnsafeRawBufferPointer,
                sink: (UnsafeRawBufferPointer) -> Bool) throws(CodecError) -> Bool {
        if input.isEmpty || ended { return true }
        sawInput = true
        var availIn = input.count
        var nextIn: UnsafePointer<UInt8>? = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        while true {
            var availOut = scratch.count
            var nextOut: UnsafeMutablePointer<UInt8>? = scratch.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let before = availIn
            let result = BrotliDecoderDecompressStream(state, &availIn, &nextIn, &availOut, &nextOut, nil)
            consumed += before - availIn
            let produced = scratch.count - availOut
            if produced > 0, !sink(UnsafeRawBufferPointer(rebasing: scratch[0..<produced])) { return false }
            switch result {
            case BROTLI_DECODER_RESULT_SUCCESS:
                ended = true
                return true
            case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
                return true
            case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
                continue
            default:
                let code = BrotliDecoderGetErrorCode(state)
                let text = BrotliDecoderErrorString(code).map { String(cString: $0) } ?? "error"
                throw CodecError(coding: "br", offset: consumed, reason: "corrupt data (\(text))")
            }
        }
    }

    func finish(sink: (UnsafeRawBufferPointer) -> Bool) throws(CodecError) {
        if ended || !sawInput { return }
        throw CodecError(coding: "br", offset: consumed, reason: "truncated stream")
    }
}
