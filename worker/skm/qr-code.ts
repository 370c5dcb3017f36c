import qrcode from 'qrcode-generator'

// The counter's QR code for a service's survey address (docs/skm.md «Kode QR dan poster»).
// Error correction M: a printed poster gets scuffed, yet the code stays small enough for a phone
// to read from arm's length. The margin is the quiet zone of four modules that the QR standard
// asks for, written into the picture so that no stylesheet can crop it.

const CELL = 8
const QUIET_ZONE_MODULES = 4

/** The SVG of the QR code encoding `address`, as qrcode-generator draws it. */
export function qrSvg(address: string): string {
  const code = qrcode(0, 'M')
  code.addData(address, 'Byte')
  code.make()
  return code.createSvgTag({ cellSize: CELL, margin: CELL * QUIET_ZONE_MODULES })
}
