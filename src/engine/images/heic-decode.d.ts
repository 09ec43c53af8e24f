/** heic-decode ships no types: the part Proofsheet uses. */
declare module 'heic-decode' {
  interface DecodedImage {
    width: number
    height: number
    /** RGBA, 8 bits a channel, upright (the container's rotation and mirroring applied). */
    data: Uint8ClampedArray
  }
  interface PendingImage {
    width: number
    height: number
    decode(): Promise<DecodedImage>
  }
  function decode(input: { buffer: Uint8Array }): Promise<DecodedImage>
  namespace decode {
    function all(input: { buffer: Uint8Array }): Promise<PendingImage[] & { dispose(): void }>
  }
  export default decode
}
