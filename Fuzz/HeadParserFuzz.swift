// libFuzzer entry for the pure HTTP/1 layer, compiled directly with Sources/HTTPServer/HTTP1/*.swift
// and Limits.swift by scripts/fuzz.sh (no package build, so the sources are one module with this file).
//
// The first input byte picks a mode and a split point; the rest is fed to:
//   mode 0: RequestHeadParser (whole, and split in two), then BodyFraming, keepAlive, expectation,
//           and ChunkedDecoder on the bytes after the head;
//   mode 1: ChunkedDecoder alone (whole, and split in two).
// Every run checks that splitting the input never changes the outcome (the incremental contract)
// and that parsed heads hold only what the RFC allows. A broken check is a crash libFuzzer keeps.

/// Small limits, so the fuzzer reaches every limit branch with short inputs.
private let fuzzLimits: Limits = {
    var limits = Limits()
    limits.maxRequestLineBytes = 256
    limits.maxHeaderBytes = 1024
    limits.maxHeaderFields = 8
    limits.maxBodyBytes = 4096
    limits.maxChunkLineBytes = 64
    limits.maxTrailerBytes = 128
    return limits
}()

private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz invariant broken: \(message())") }
}

/// A parse outcome as comparable values.
private enum Outcome: Equatable {
    case complete(method: String, target: String, version: HTTPVersion, fields: [HeaderFields.Field], consumed: Int)
    case incomplete
    case invalid(HTTPParseError)

    init(_ result: HeadParseResult) {
        switch result {
        case .complete(let head, let consumed):
            self = .complete(
                method: head.method.description, target: head.target, version: head.version,
                fields: head.headers.fields, consumed: consumed)
        case .incomplete: self = .incomplete
        case .invalid(let error): self = .invalid(error)
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let control = data[0]
    let input = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let split = input.isEmpty ? 0 : Int(control >> 1) * input.count / 128
    if control & 1 == 0 {
        fuzzHead(input, split: split)
    } else {
        _ = fuzzChunked(input, split: split)
    }
    return 0
}

private func fuzzHead(_ input: UnsafeRawBufferPointer, split: Int) {
    var whole = RequestHeadParser(limits: fuzzLimits)
    let wholeResult = whole.parse(input)
    let expected = Outcome(wholeResult)

    var pieces = RequestHeadParser(limits: fuzzLimits)
    let first = Outcome(pieces.parse(UnsafeRawBufferPointer(rebasing: input[..<split])))
    if first != .incomplete {
        check(first == expected, "prefix outcome \(first) differs from whole \(expected)")
    } else {
        let second = Outcome(pieces.parse(input))
        check(second == expected, "split outcome \(second) differs from whole \(expected)")
    }

    guard case .complete(let head, let consumed) = wholeResult else { return }
    check(consumed > 0 && consumed <= input.count, "consumed \(consumed) of \(input.count)")
    check(consumed <= fuzzLimits.maxHeaderBytes + 2 * RequestHeadParser.maxLeadingEmptyLines, "head over the limit")
    check(head.headers.count <= fuzzLimits.maxHeaderFields, "too many fields")
    check(!head.target.isEmpty && head.target.utf8.allSatisfy(ByteClass.requestTarget.contains), "target bytes")
    for field in head.headers {
        check(!field.name.isEmpty && field.name.utf8.allSatisfy(ByteClass.tchar.contains), "name bytes")
        let value = field.value.utf8
        check(!value.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }, "CR, LF or NUL in a value")
        for edge in [value.first, value.last] {
            check(edge != ASCII.sp && edge != ASCII.htab, "untrimmed value")
        }
    }
    _ = head.keepAlive
    _ = try? head.expectation()

    let framing: BodyFraming
    do {
        framing = try BodyFraming(head: head, limits: fuzzLimits)
    } catch {
        return
    }
    switch framing {
    case .none: break
    case .contentLength(let length): check(length >= 0 && length <= fuzzLimits.maxBodyBytes, "length \(length)")
    case .chunked:
        let rest = UnsafeRawBufferPointer(rebasing: input[consumed...])
        _ = fuzzChunked(rest, split: rest.count / 2)
    }
}

/// Decodes `input` whole and in two pieces; both must agree on the result, body and consumed bytes.
private func fuzzChunked(_ input: UnsafeRawBufferPointer, split: Int) -> ChunkedDecodeResult {
    var whole = ChunkedDecoder(limits: fuzzLimits)
    var wholeBody: [UInt8] = []
    let expected = whole.decode(input, into: &wholeBody)
    check(wholeBody.count <= fuzzLimits.maxBodyBytes, "body over the limit")

    var pieces = ChunkedDecoder(limits: fuzzLimits)
    var piecesBody: [UInt8] = []
    let first = pieces.decode(UnsafeRawBufferPointer(rebasing: input[..<split]), into: &piecesBody)
    let combined: ChunkedDecodeResult
    switch first {
    case .needMore(let consumed):
        check(consumed == split, "needMore must consume everything")
        let second = pieces.decode(UnsafeRawBufferPointer(rebasing: input[split...]), into: &piecesBody)
        switch second {
        case .needMore(let more): combined = .needMore(consumed: consumed + more)
        case .done(let more): combined = .done(consumed: consumed + more)
        case .invalid: combined = second
        }
    case .done, .invalid:
        combined = first
    }
    check(combined == expected, "split chunked result \(combined) differs from whole \(expected)")
    if case .invalid = expected { return expected }
    check(piecesBody == wholeBody, "split chunked body differs")
    if case .done(let consumed) = expected {
        check(consumed <= input.count, "consumed past the input")
        // The last byte consumed is the LF of the final CRLF; nothing after it is touched.
        check(input[consumed - 1] == ASCII.lf, "done did not end on LF")
    }
    return expected
}
