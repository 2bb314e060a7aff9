/*
 * TEST-ONLY shim, never shipped in an installer or beside a release binary.
 *
 * Why it exists: Rust's standard library (1.78 and later) gets its random
 * numbers from ProcessPrng in bcryptprimitives.dll. Windows 10 and 11 have it;
 * Wine 8.0 (Debian 12's) does not, so every Rust .exe fails to start under it.
 * scripts/test-windows.sh builds this file into the Wine prefix's system32 so
 * the Windows test binaries can run under Wine. It forwards to RtlGenRandom
 * (advapi32's SystemFunction036), which Wine implements.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    /* Like the real one: documented to always return TRUE. */
    return TRUE;
}
