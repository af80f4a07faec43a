#!/bin/bash
# Builds test/vectors/payneteasy-dapi.json with openssl only: each input string is written out literally.
set -euo pipefail
CK='2D3A59C1-8E4F-4B7A-9C0D-1E2F3A4B5C6D'
CK2='0a1b2c3d4e5f60718293a4b5c6d7e8f9-abcdef01'
vec() { # kind description controlKey input fieldsJson
  local cmd="printf '%s' '$4' | openssl dgst -sha1 -mac HMAC -macopt hexkey:\$(printf '%s' '$3' | tr -d -) | awk '{print toupper(\$NF)}'"
  local sig; sig=$(bash -c "$cmd")
  jq -n --arg kind "$1" --arg d "$2" --arg ck "$3" --arg input "$4" --argjson f "$5" --arg cmd "$cmd" --arg sig "$sig" \
    '{kind:$kind, description:$d, controlKey:$ck, fields:$f, input:$input, command:$cmd, signature:$sig}'
}
AT='a8Zk3Qm9Xp2Lr7Tw5Vb1Nc6Hd4Jf0Gs8Ye2Ui9Oo3Pl7Kj5Hh1Gg6Ff4Dd0Ss2Aa'
SN='R58M123ABCD'
EP='4711'
NONCE='n0Nc3^$Zq8Wm2Er5Ty7Ui1Op4As6Df9Gh3Jk5Lz7Xc0Vb2Nm4Qw6Er8Ty1Ui3Op5'
INV='9f2c1e7a-3b4d-4c5e-8f6a-0b1c2d3e4f5a'
{
vec initiateVerification 'Initiate verification: accessToken+serialNumber+endpointId+nonce+invoiceId+currency' "$CK" "$AT$SN$EP$NONCE${INV}EUR" \
  "$(jq -n --arg a "$AT" --arg s "$SN" --arg e "$EP" --arg n "$NONCE" --arg i "$INV" '{accessToken:$a,serialNumber:$s,endpointId:$e,nonce:$n,invoiceId:$i,currency:"EUR"}')"
vec initiateSale 'Initiate sale: accessToken+serialNumber+endpointId+nonce+invoiceId+amountCentis+currency (19.99 EUR)' "$CK" "$AT$SN$EP$NONCE${INV}1999EUR" \
  "$(jq -n --arg a "$AT" --arg s "$SN" --arg e "$EP" --arg n "$NONCE" --arg i "$INV" '{accessToken:$a,serialNumber:$s,endpointId:$e,nonce:$n,invoiceId:$i,amountCentis:"1999",currency:"EUR"}')"
vec initiateTransfer 'Initiate transfer: same order as sale (0.29 EUR), lowercase control key with dashes' "$CK2" "$AT$SN$EP$NONCE${INV}29EUR" \
  "$(jq -n --arg a "$AT" --arg s "$SN" --arg e "$EP" --arg n "$NONCE" --arg i "$INV" '{accessToken:$a,serialNumber:$s,endpointId:$e,nonce:$n,invoiceId:$i,amountCentis:"29",currency:"EUR"}')"
vec checkVerification 'Check verification: serialNumber+nonce+endpointId+invoiceId' "$CK" "$SN$NONCE$EP$INV" \
  "$(jq -n --arg s "$SN" --arg e "$EP" --arg n "$NONCE" --arg i "$INV" '{serialNumber:$s,nonce:$n,endpointId:$e,invoiceId:$i}')"
vec checkSale 'Check sale with a card: serialNumber+nonce+endpointId+invoiceId (no serverCardId)' "$CK" "$SN$NONCE$EP$INV" \
  "$(jq -n --arg s "$SN" --arg e "$EP" --arg n "$NONCE" --arg i "$INV" '{serialNumber:$s,nonce:$n,endpointId:$e,invoiceId:$i}')"
vec checkSale 'Check sale by reference: serialNumber+nonce+endpointId+invoiceId+source serverCardId' "$CK" "$SN$NONCE$EP${INV}SRV-SRC-77" \
  "$(jq -n --arg s "$SN" --arg e "$EP" --arg n "$NONCE" --arg i "$INV" '{serialNumber:$s,nonce:$n,endpointId:$e,invoiceId:$i,sourceServerCardId:"SRV-SRC-77"}')"
vec checkTransfer 'Check transfer with cards: serialNumber+nonce+endpointId+invoiceId' "$CK" "$SN$NONCE$EP$INV" \
  "$(jq -n --arg s "$SN" --arg e "$EP" --arg n "$NONCE" --arg i "$INV" '{serialNumber:$s,nonce:$n,endpointId:$e,invoiceId:$i}')"
vec checkTransfer 'Check transfer, destination by reference: serialNumber+nonce+destination serverCardId+endpointId+invoiceId' "$CK" "$SN${NONCE}SRV-DST-88$EP$INV" \
  "$(jq -n --arg s "$SN" --arg e "$EP" --arg n "$NONCE" --arg i "$INV" '{serialNumber:$s,nonce:$n,endpointId:$e,invoiceId:$i,destinationServerCardId:"SRV-DST-88"}')"
vec checkTransfer 'Check transfer, both by reference: serialNumber+nonce+destination serverCardId+endpointId+invoiceId+source serverCardId' "$CK" "$SN${NONCE}SRV-DST-88$EP${INV}SRV-SRC-77" \
  "$(jq -n --arg s "$SN" --arg e "$EP" --arg n "$NONCE" --arg i "$INV" '{serialNumber:$s,nonce:$n,endpointId:$e,invoiceId:$i,sourceServerCardId:"SRV-SRC-77",destinationServerCardId:"SRV-DST-88"}')"
vec mappingNotification 'Card-mapping notification answer (verification/sale/transfer): nonce+endpointId+invoiceId' "$CK" "$NONCE$EP$INV" \
  "$(jq -n --arg e "$EP" --arg n "$NONCE" --arg i "$INV" '{nonce:$n,endpointId:$e,invoiceId:$i}')"
} | jq -s --arg v "$(openssl version)" '{_about: "HMAC-SHA1 signatures of the Payneteasy mobile Device API, computed with openssl independently of src/providers/payneteasy. Key: the control key with dashes removed, hex-decoded (hexkey:). Output uppercase hex. Each entry: the literal string to sign, the exact shell command, its output. Orders: docs/payneteasy.md \"DAPI signatures\". Regenerate with bash test/vectors/payneteasy-dapi.gen.sh.", opensslVersion: $v, vectors: .}'
