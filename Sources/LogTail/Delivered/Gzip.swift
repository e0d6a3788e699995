import CompressNIO
import NIOCore

/// gzip as AWS writes log files to S3 (CloudTrail's `.json.gz`, VPC Flow
/// Logs' `.log.gz`): recognised by its magic bytes, inflated whole with a cap.
///
/// Through CompressNIO (zlib), not hand-written inflate: the one library in
/// the package mirror that does gzip.
public enum Gzip {
    /// The most a file may inflate to: CloudTrail and flow log files are a few
    /// megabytes; a "log" that inflates past this is refused, not held in memory.
    public static let inflatedLimit = 512 << 20

    /// Whether `bytes` start with gzip's magic number (1f 8b).
    public static func isCompressed(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        return iterator.next() == 0x1F && iterator.next() == 0x8B
    }

    /// The inflated bytes of a whole gzip stream; throws with the reason when it is cut short, corrupt or too big.
    public static func inflate(_ bytes: [UInt8], limit: Int = inflatedLimit) throws(GzipError) -> [UInt8] {
        // A header and a trailer at least; the trailer's last 4 bytes are the inflated size (mod 2^32).
        guard bytes.count >= 18 else { throw GzipError(reason: "it is not a whole gzip stream (\(bytes.count) bytes)") }
        let stated = bytes.suffix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        var input = ByteBuffer(bytes: bytes)
        do {
            var output = try input.decompress(with: .gzip(), maxSize: limit)
            let inflated = output.readBytes(length: output.readableBytes) ?? []
            // zlib stops quietly where a cut stream ends: the trailer tells a whole one from a cut one.
            guard UInt32(truncatingIfNeeded: inflated.count) == stated else {
                throw GzipError(reason: "it is not a whole gzip stream (cut short: \(inflated.count) bytes inflated, its trailer says \(stated))")
            }
            return inflated
        } catch let error as GzipError {
            throw error
        } catch let error as CompressNIOError where error == .bufferOverflow {
            throw GzipError(reason: "it inflates to more than \(limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit) bytes")")
        } catch {
            throw GzipError(reason: "it is not a whole gzip stream (\(error))")
        }
    }
}

/// Why a gzip file could not be inflated.
public struct GzipError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}
