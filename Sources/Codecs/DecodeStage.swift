/// One decoding step of a stacked content coding, holding its C stream state.
///
/// Contract: `decode` consumes all of `input` (borrowed for the call) unless it throws or `sink`
/// returns false (the consumer is full); decoded output is handed to `sink` in pieces that are
/// borrowed for the sink call only. After a throw the stage is dead and must not be fed again.
protocol DecodeStage: AnyObject {
    /// Decodes `input`; returns false when `sink` asked to stop.
    func decode(_ input: UnsafeRawBufferPointer,
                sink: (UnsafeRawBufferPointer) -> Bool) throws(CodecError) -> Bool
    /// End of input: flushes what is left, throws when the encoded stream was incomplete.
    func finish(sink: (UnsafeRawBufferPointer) -> Bool) throws(CodecError)
}

/// Size of the scratch buffer each stage decodes into; bounds the work done between cap checks.
let decodeStageScratchBytes = 16_384

/// Passes bytes through unchanged (identity, and unknown codings after their error is recorded).
final class PassThroughStage: DecodeStage {
    func decode(_ input: UnsafeRawBufferPointer,
                sink: (UnsafeRawBufferPointer) -> Bool) throws(CodecError) -> Bool {
        input.isEmpty ? true : sink(input)
    }

    func finish(sink: (UnsafeRawBufferPointer) -> Bool) throws(CodecError) {}
}
