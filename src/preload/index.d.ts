declare global {
  interface Window {
    proofsheet: { readonly name: string }
  }
}

export {}
