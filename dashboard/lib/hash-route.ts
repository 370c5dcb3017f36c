import { useEffect, useState } from 'preact/hooks'

export type Route =
  | { page: 'overview' }
  | { page: 'opd'; site: string; opd: string }
  | { page: 'manage' }
  | { page: 'notifications' }
  | { page: 'health' }
  | { page: 'audit' }
  | { page: 'publications' }
  | { page: 'nation' }
  | { page: 'region'; region: string }
  | { page: 'site'; site: string }

function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent)
  if (parts[0] === 'opd' && parts[1] && parts[2])
    return { page: 'opd', site: parts[1], opd: parts[2] }
  if (parts[0] === 'kelola') return { page: 'manage' }
  if (parts[0] === 'notifikasi') return { page: 'notifications' }
  if (parts[0] === 'kesehatan') return { page: 'health' }
  if (parts[0] === 'audit') return { page: 'audit' }
  if (parts[0] === 'publikasi') return { page: 'publications' }
  if (parts[0] === 'wilayah')
    return parts[1] ? { page: 'region', region: parts[1] } : { page: 'nation' }
  if (parts[0] === 'situs' && parts[1]) return { page: 'site', site: parts[1] }
  return { page: 'overview' }
}

export function opdHref(site: string, opd: string): string {
  return `#/opd/${encodeURIComponent(site)}/${encodeURIComponent(opd)}`
}

export const regionHref = (code: string) => `#/wilayah/${code}`
export const siteHref = (site: string) => `#/situs/${encodeURIComponent(site)}`

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash))
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash))
    addEventListener('hashchange', update)
    return () => removeEventListener('hashchange', update)
  }, [])
  return route
}
