package com.liferay.document.library.kernel.service

/* Stub: the real signature, printing its arguments. */
class DLFileEntryLocalServiceUtil {
	static Object deleteFileVersion(long userId, long fileEntryId, String version) { lrstub.StubLog.call('deleteFileVersion', userId, fileEntryId, version); null }
}
