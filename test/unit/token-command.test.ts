import { describe, expect, it } from 'vitest'
import { tokenSql } from '../../scripts/token'

// `npm run token -- create --role provinsi --region 35` (docs/contract.md §7).
describe('npm run token', () => {
  it('stores a provinsi token with its province', async () => {
    const made = await tokenSql({ role: 'provinsi', region: '35', label: 'Diskominfo Jatim' })
    expect(made.sql).toContain(`'provinsi', NULL, NULL, '35', 'Diskominfo Jatim'`)
    expect(made.sql).not.toContain(made.token)
  })

  it('refuses a provinsi token without a province code, and a region on another role', async () => {
    await expect(tokenSql({ role: 'provinsi', label: 'x' })).rejects.toThrow(/needs --region/)
    await expect(tokenSql({ role: 'provinsi', region: '35.22', label: 'x' })).rejects.toThrow(
      /not a province/,
    )
    await expect(tokenSql({ role: 'provinsi', region: '99', label: 'x' })).rejects.toThrow(
      /not a province/,
    )
    await expect(tokenSql({ role: 'kominfo', region: '35', label: 'x' })).rejects.toThrow(
      /only a provinsi/,
    )
  })
})
