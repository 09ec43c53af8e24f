import { expect, test } from 'vitest'
import { addressesIn, productNames } from '../../src/main/photos/url-list'

test("a Shopify product CSV's photos come with their handle: Image Src and Variant Image, each address once", () => {
  const csv = [
    'Handle,Title,Body (HTML),Variant SKU,Image Src,Image Position,Variant Image',
    'red-mug,Red Mug,"<p>Big, red</p>\nsafe",MUG-1,https://cdn.shopify.com/a/mug-front.jpg,1,https://cdn.shopify.com/a/mug-red.jpg',
    'red-mug,,,,https://cdn.shopify.com/a/mug-back.jpg,2,',
    'red-mug,,,MUG-2,,,https://cdn.shopify.com/a/mug-front.jpg',
    'Blue Cap!,Blue Cap,,CAP,https://cdn.shopify.com/a/cap.jpg,1,'
  ].join('\r\n')
  expect(addressesIn(csv)).toEqual([
    { href: 'https://cdn.shopify.com/a/mug-front.jpg', handle: 'red-mug' },
    { href: 'https://cdn.shopify.com/a/mug-red.jpg', handle: 'red-mug' },
    { href: 'https://cdn.shopify.com/a/mug-back.jpg', handle: 'red-mug' },
    { href: 'https://cdn.shopify.com/a/cap.jpg', handle: 'blue-cap' }
  ])
})

test("a WooCommerce product CSV's Images list several addresses in one cell; the handle is the SKU, else the name", () => {
  const csv = ['\uFEFFID,Type,SKU,Name,Images', '12,simple,TEE-01,Plain Tee,"https://shop.example/wp/tee.jpg, https://shop.example/wp/tee,back.jpg"', '13,simple,,Wool Hat,https://shop.example/wp/hat.jpg'].join('\n')
  expect(addressesIn(csv)).toEqual([
    { href: 'https://shop.example/wp/tee.jpg', handle: 'tee-01' },
    { href: 'https://shop.example/wp/tee,back.jpg', handle: 'tee-01' },
    { href: 'https://shop.example/wp/hat.jpg', handle: 'wool-hat' }
  ])
})

test('a plain list is one address a line, blank lines and # comments left out; names follow products in order', () => {
  expect(addressesIn('# from the shop\nhttps://a.example/1.jpg\n\n  https://a.example/2.jpg  \nhttps://a.example/1.jpg\n')).toEqual([{ href: 'https://a.example/1.jpg' }, { href: 'https://a.example/2.jpg' }])
  expect(productNames([{ href: 'a', handle: 'mug' }, { href: 'b' }, { href: 'c', handle: 'mug' }, { href: 'd', handle: 'cap' }])).toEqual([
    { name: 'mug', position: 1 },
    undefined,
    { name: 'mug-2', position: 2 },
    { name: 'cap', position: 1 }
  ])
})
